import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { makeIdNumber } from "../../server/modules/patient/rules/id-number";
import { signIn } from "./fixtures/sign-in";

// The health manager opens a card, sees the two onboarding tasks on the patient page, then freezes and
// unfreezes the card (each with a confirmation and a reason) and renews it, watching the status badge
// and the timeline. Screenshots of the card panel and the whole page go to test-results/.

const stamp = Date.now();
const phone = `137${String(stamp).slice(-8)}`;
const idNumber = makeIdNumber("110105", "1975-09-09", (stamp % 450) * 2 + 100); // even sequence: female

async function expectNoAxeViolations(page: Page) {
  const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("onboarding tasks are on the patient page; freeze, unfreeze and renew a card with reasons and see the status and the timeline change", async ({ page }) => {
  await signIn(page, "manager@demo.carepath.local");
  await page.goto("/h/demo/patients/new");
  await page.getByLabel("姓名").first().fill("司马慧敏");
  await page.getByLabel(/身份证号/).fill(idNumber);
  await page.getByLabel("手机号", { exact: true }).first().fill(phone);
  await page.getByLabel(/会员等级/).fill("金卡");
  await page.getByRole("button", { name: "开卡", exact: true }).click();
  await expect(page).toHaveURL(/\/h\/demo\/patients\/[0-9a-f-]{36}\?opened=\d{12}/, { timeout: 30_000 });

  // The two onboarding tasks are the manager's own, on the patient page.
  const tasks = page.getByTestId("patient-tasks");
  await expect(tasks.getByText("完善健康档案")).toBeVisible({ timeout: 20_000 });
  await expect(tasks.getByText("48 小时内首次联系")).toBeVisible();
  await expect(tasks.getByRole("button", { name: /标记为完成/ })).toHaveCount(2);

  const panel = page.getByTestId("card-panel");
  const timeline = page.getByTestId("timeline");
  await expect(panel.getByText("正常")).toBeVisible();
  await expect(panel.getByText("剩余权益")).toBeVisible();

  // Freeze: confirmation dialog, reason required.
  await panel.getByRole("button", { name: "冻结", exact: true }).click();
  const freeze = page.getByRole("dialog", { name: "确认冻结此卡？" });
  await freeze.getByRole("button", { name: "冻结会员卡" }).click();
  await expect(freeze.getByText("请填写原因")).toBeVisible();
  await expectNoAxeViolations(page);
  await freeze.getByLabel(/原因/).fill("客户出国三个月");
  await freeze.getByRole("button", { name: "冻结会员卡" }).click();
  await expect(freeze).toBeHidden();
  await expect(page.getByText("金卡已冻结")).toBeVisible();
  await expect(panel.getByText("冻结", { exact: true })).toBeVisible();
  await expect(panel.getByRole("button", { name: "解冻", exact: true })).toBeVisible();
  await expect(timeline.getByText("金卡 · 正常 → 冻结 · 客户出国三个月")).toBeVisible({ timeout: 15_000 });
  await panel.screenshot({ path: "test-results/patient-cards-panel-frozen.png" });
  await page.screenshot({ path: "test-results/patient-cards-page-frozen.png", fullPage: true });

  // Unfreeze.
  await panel.getByRole("button", { name: "解冻", exact: true }).click();
  const unfreeze = page.getByRole("dialog", { name: "确认解冻此卡？" });
  await unfreeze.getByLabel(/原因/).fill("客户已回国");
  await unfreeze.getByRole("button", { name: "解冻会员卡" }).click();
  await expect(unfreeze).toBeHidden();
  await expect(panel.getByText("正常", { exact: true })).toBeVisible();
  await expect(timeline.getByText("金卡 · 冻结 → 正常 · 客户已回国")).toBeVisible({ timeout: 15_000 });

  // Renew by a year from the current end date.
  await panel.getByRole("button", { name: "续期", exact: true }).click();
  const renew = page.getByRole("dialog", { name: "会员卡续期" });
  await renew.getByRole("button", { name: "续期", exact: true }).click();
  await expect(renew).toBeHidden();
  await expect(page.getByText(/金卡已续期至/)).toBeVisible();
  await expect(timeline.getByText("会员卡续期")).toBeVisible({ timeout: 15_000 });
  await expectNoAxeViolations(page);
  await panel.screenshot({ path: "test-results/patient-cards-panel.png" });
  await page.screenshot({ path: "test-results/patient-cards-page.png", fullPage: true });
});

test("the administrator maintains sensitive tags in settings but never sees them offered on patients", async ({ page }) => {
  await signIn(page, "admin@demo.carepath.local");
  await page.goto("/h/demo/settings/tags");
  const row = page.locator("tbody tr").filter({ hasText: "心理关注" });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await expect(row).toContainText("敏感");
  await expect(page.getByText("敏感标签在此列出以便维护")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/h/demo/patients");
  await page.getByRole("button", { name: /筛选/ }).click();
  const tagFilter = page.getByLabel("标签", { exact: true });
  await expect(tagFilter.locator("option", { hasText: "高血压高危" })).toHaveCount(1, { timeout: 20_000 });
  await expect(tagFilter.locator("option", { hasText: "心理关注" })).toHaveCount(0);
  await expect(tagFilter.locator("option", { hasText: "抑郁筛查阳性" })).toHaveCount(0);
});
