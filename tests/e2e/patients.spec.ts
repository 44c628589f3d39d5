import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { makeIdNumber } from "../../server/modules/patient/rules/id-number";
import { signIn } from "./fixtures/sign-in";

// One journey for the health manager (patient.write, record.write, patient.unmask), then the tenant
// administrator (audit.read) finds the reveal in the audit log. Each account signs in once: a TOTP
// code is accepted only once.

const stamp = Date.now();
const phone = `139${String(stamp).slice(-8)}`;
const maskedPhone = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const idNumber = makeIdNumber("330106", "1982-04-15", (stamp % 450) * 2 + 101); // odd sequence: male
const name = "欧阳明轩"; // pinyin initials oymx

async function expectNoAxeViolations(page: Page) {
  const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("open a card, find the patient by pinyin initials and by phone, edit the record, see the history, reveal the phone and find it in the audit log", async ({ page: manager, browser }) => {
  await signIn(manager, "manager@demo.carepath.local");

  // 客户开卡: the ID number fills birth date and sex; the server assigns a manager and onboarding tasks.
  await manager.goto("/h/demo/patients/new");
  await manager.getByLabel("姓名").first().fill(name);
  await manager.getByLabel(/身份证号/).fill(idNumber);
  await expect(manager.getByText("已识别：1982年4月15日 出生 · 男")).toBeVisible();
  await manager.getByLabel("手机号", { exact: true }).first().fill(phone);
  await manager.getByLabel(/会员等级/).fill("金卡");
  await manager.getByRole("button", { name: "开卡", exact: true }).click();
  await expect(manager).toHaveURL(/\/h\/demo\/patients\/[0-9a-f-]{36}\?opened=\d{12}/, { timeout: 30_000 });
  await expect(manager.getByText(/开卡成功，卡号 \d{12}/)).toBeVisible();
  await expect(manager.getByText(/已分配给健康管理师/)).toBeVisible();
  const patientUrl = manager.url().replace(/\?.*$/, "");
  await expect(manager.locator("#health-record")).toBeVisible();
  await expectNoAxeViolations(manager);

  // Found by pinyin initials and by phone, masked in the list.
  await manager.goto("/h/demo/patients");
  const search = manager.getByRole("searchbox", { name: /搜索姓名/ });
  await search.fill("oymx");
  const row = manager.locator("tbody tr").filter({ hasText: maskedPhone });
  await expect(row).toHaveCount(1);
  await expectNoAxeViolations(manager);
  await expect(row).toContainText("欧");
  await expect(row).not.toContainText(name);
  await search.fill(phone);
  await expect(row).toHaveCount(1);
  await row.getByRole("link").click();
  await expect(manager).toHaveURL(patientUrl, { timeout: 30_000 });

  // Edit the health record, then read the version history.
  await manager.getByRole("button", { name: "编辑档案" }).click();
  await manager.getByRole("button", { name: "添加过敏史" }).click();
  await manager.getByLabel(/过敏原/).fill("青霉素");
  await manager.getByRole("button", { name: "保存为新版本" }).click();
  await expect(manager.getByText("健康档案已保存（第 1 版）")).toBeVisible();
  await expect(manager.locator("#health-record")).toContainText("青霉素");
  await manager.getByRole("button", { name: "历史版本" }).click();
  const history = manager.getByRole("dialog", { name: "健康档案历史版本" });
  await expect(history.getByTestId("record-version")).toHaveCount(1);
  await expect(history).toContainText("第 1 版");
  await expect(history).toContainText("过敏史");
  await expect(history).toContainText("青霉素");
  await manager.keyboard.press("Escape");

  // Reveal one masked value with a purpose; it is masked again after leaving the page.
  await expect(manager.getByTestId("value-phone")).toHaveText(maskedPhone);
  await manager.getByRole("button", { name: "显示完整手机号" }).click();
  await manager.getByLabel("查看目的").fill("电话随访核对");
  await manager.getByRole("dialog").getByRole("button", { name: "显示", exact: true }).click();
  await expect(manager.getByTestId("value-phone")).toHaveText(phone);
  await expect(manager.getByTestId("value-idNumber")).not.toHaveText(idNumber);
  await manager.goto("/h/demo/patients");
  await manager.goto(patientUrl);
  await expect(manager.getByTestId("value-phone")).toHaveText(maskedPhone);

  // The reveal is in the audit log.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@demo.carepath.local");
  await admin.goto("/h/demo/privacy");
  await expect(admin.getByText("patient.unmask").first()).toBeVisible({ timeout: 20_000 });
});
