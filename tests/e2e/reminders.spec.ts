import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/sign-in";

// Without an Inngest server or messaging providers (JOBS_EXECUTOR=inline, no SMTP/SMS configured):
// the administrator turns quiet hours off (so the run does not depend on the time of day), the health
// manager records the patient's consent and creates a reminder, the app's own relay delivers it, and
// the administrator finds the message in the development outbox.

const stamp = Date.now();
const phone = `137${String(stamp).slice(-8)}`;
const maskedPhone = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const note = `测血糖-${String(stamp).slice(-5)}`;

async function expectNoAxeViolations(page: Page) {
  const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("create a reminder for a patient and see it in the development outbox", async ({ page: admin, browser }) => {
  test.setTimeout(300_000);
  await signIn(admin, "admin@demo.carepath.local");
  await admin.goto("/h/demo/settings/messaging");
  await expect(admin.getByRole("heading", { name: "消息与提醒" })).toBeVisible();
  await expect(admin.getByText(/未配置：消息只进入下方的开发发件箱/).first()).toBeVisible();
  await admin.getByLabel("开始").fill("00:00");
  await admin.getByLabel("结束").fill("00:00");
  await admin.getByRole("button", { name: "保存" }).click();
  await expect(admin.getByText("已保存。")).toBeVisible();
  await expectNoAxeViolations(admin);

  const context = await browser.newContext();
  const manager = await context.newPage();
  await signIn(manager, "manager@demo.carepath.local");
  await manager.goto("/h/demo/patients/new");
  await manager.getByLabel("姓名").first().fill("司马提醒");
  await manager.getByLabel(/出生日期/).first().fill("1968-03-02");
  await manager.getByLabel("手机号", { exact: true }).first().fill(phone);
  await manager.getByLabel(/会员等级/).fill("银卡");
  await manager.getByRole("button", { name: "开卡", exact: true }).click();
  await expect(manager).toHaveURL(/\/h\/demo\/patients\/[0-9a-f-]{36}\?opened=/, { timeout: 30_000 });

  // Consent first: care reminders need a current grant (checked again when the message goes out).
  const care = manager.getByTestId("consent-care");
  await expect(care).toContainText("未记录");
  await care.getByRole("button", { name: "记录同意" }).click();
  const consentDialog = manager.getByRole("dialog");
  await consentDialog.getByLabel("来源").selectOption("paper_form");
  await consentDialog.getByRole("button", { name: "记录同意" }).click();
  await expect(care).toContainText("已同意");
  await expect(care).toContainText("纸质同意书");

  await manager.getByRole("button", { name: "新建提醒" }).click();
  const dialog = manager.getByRole("dialog", { name: "新建提醒" });
  await dialog.getByLabel("类型").selectOption("measurement");
  await dialog.getByLabel(/提示内容/).fill(note);
  await expect(dialog.getByRole("checkbox", { name: "短信" })).toBeChecked();
  await expectNoAxeViolations(manager);
  await dialog.getByRole("button", { name: "新建提醒" }).click();
  await expect(manager.getByText("提醒已安排。")).toBeVisible();
  const row = manager.getByTestId("reminder-row").filter({ hasText: note });
  await expect(row).toContainText("测量提醒");
  // The form proposes "in a minute" (hospital time); the relay then delivers within seconds and the
  // list refreshes while anything is queued (待发送 → 已发送).
  await expect(row).toContainText("已发送", { timeout: 120_000 });
  await expect(row).toContainText("短信: 已发送");
  await expectNoAxeViolations(manager);

  await admin.reload();
  const message = admin.getByTestId("dev-outbox-row").filter({ hasText: note });
  await expect(message).toHaveCount(1, { timeout: 15_000 });
  await expect(message).toContainText(maskedPhone);
  await expect(message).toContainText("测量提醒");
  await expect(message).not.toContainText(phone);
  await expect(message).toContainText("退订");
  await expectNoAxeViolations(admin);
  await context.close();
});
