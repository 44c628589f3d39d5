import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/sign-in";

// The administrator builds a two-question questionnaire with a total score, publishes it, creates a tag
// and a rule "score ≥ 2 → add the tag" (first with an unknown fact, refused by name). The health
// manager opens a card and issues a patient link; the patient fills it on a phone-sized screen; the
// manager sees the score and the automatic tag with its reason; the administrator tests the rule
// against that patient in the editor.

const stamp = String(Date.now()).slice(-6);
const code = `mood-${stamp}`;
const title = `心情小测${stamp}`;
const tagName = `心情关注${stamp}`;
const ruleName = `心情评分≥2-${stamp}`;
const patientName = "欧阳问卷";
const phone = `136${String(Date.now()).slice(-8)}`;
const shots = "test-results/forms-rules";

async function expectNoAxeViolations(page: Page) {
  const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a rule on a questionnaire score tags the patient who filled it by link, with its reason", async ({ page: admin, browser }) => {
  test.setTimeout(360_000);
  await signIn(admin, "admin@demo.carepath.local");

  // 1. Questionnaire: two yes/no questions (是 = 1 point), total score.
  await admin.goto("/h/demo/forms/new");
  await admin.getByLabel("表单代码").fill(code);
  await admin.getByLabel("标题（中文）").fill(title);
  await admin.getByLabel("标题（英文）").fill(`Mood check ${stamp}`);
  const questions = [
    ["最近一周是否常感到疲倦？", "Often tired in the past week?"],
    ["最近一周是否睡得不好？", "Sleeping badly in the past week?"],
  ];
  for (const [index, [zh, en]] of questions.entries()) {
    await admin.getByRole("button", { name: "添加题目" }).click();
    const item = admin.getByTestId("builder-item").nth(index);
    await item.getByLabel("题目（中文）").fill(zh!);
    await item.getByLabel("题目（英文）").fill(en!);
    await item.getByLabel("必答").check();
  }
  await admin.getByRole("button", { name: "添加计分" }).click();
  await expect(admin.getByTestId("preview-zh-CN")).toContainText(questions[1]![0]!);
  await admin.getByRole("button", { name: "创建表单" }).click();
  await expect(admin).toHaveURL(/\/h\/demo\/forms\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await admin.getByRole("button", { name: "发布新版本" }).click();
  await expect(admin.getByText("已发布第 1 版。")).toBeVisible();

  // 2. The tag the rule adds.
  await admin.goto("/h/demo/settings/tags");
  await admin.getByLabel(/标签名称/).fill(tagName);
  await admin.getByRole("button", { name: "创建标签" }).click();
  await expect(admin.getByText(`已创建标签“${tagName}”`)).toBeVisible();

  // 3. The rule: an unknown fact typed in the JSON view is refused by name, then fixed in the builder.
  await admin.goto("/h/demo/rules");
  await expect(admin.getByRole("heading", { name: "自动标签规则" })).toBeVisible();
  await admin.getByRole("link", { name: "新建规则" }).click();
  await expect(admin).toHaveURL(/\/h\/demo\/rules\/new$/);
  await admin.getByLabel("名称", { exact: true }).fill(ruleName);
  await admin.getByRole("tab", { name: "JSON" }).click();
  await admin.getByRole("textbox", { name: "JSON" }).fill(JSON.stringify({ and: [{ ">=": [{ var: "score.nope.total" }, 2] }] }));
  await expect(admin.getByText("未知事实：score.nope.total")).toBeVisible();
  await admin.getByLabel("标签", { exact: true }).selectOption({ label: tagName });
  await admin.getByRole("button", { name: "保存", exact: true }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "condition.score.nope.total" })).toBeVisible();
  await admin.getByRole("tab", { name: "条件构建器" }).click();
  const row = admin.getByTestId("condition-row");
  await row.getByLabel("事实").selectOption(`score.${code}.total`);
  await row.getByLabel("运算").selectOption(">=");
  await row.getByLabel("值", { exact: true }).fill("2");
  await admin.getByRole("tab", { name: "JSON" }).click();
  await expect(admin.getByRole("textbox", { name: "JSON" })).toHaveValue(new RegExp(`"score\\.${code}\\.total"`));
  await admin.getByRole("tab", { name: "条件构建器" }).click();
  await admin.getByLabel("启用", { exact: true }).check();
  await expect(admin.getByTestId("rule-count")).toContainText(/启用前核对：当前有 0 \/ \d+ 位患者会符合。/, { timeout: 30_000 });
  await admin.screenshot({ path: `${shots}/rule-editor.png`, fullPage: true });
  await expectNoAxeViolations(admin);
  await admin.getByRole("button", { name: "保存", exact: true }).click();
  await expect(admin.getByText("规则已保存（第 1 版），正在对全部患者重新运行。")).toBeVisible();
  await expect(admin).toHaveURL(/\/h\/demo\/rules\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const ruleUrl = admin.url();

  // 4. The manager opens a card and issues a patient link for the new questionnaire.
  const staffContext = await browser.newContext();
  const manager = await staffContext.newPage();
  await signIn(manager, "manager@demo.carepath.local");
  await manager.goto("/h/demo/patients/new");
  await manager.getByLabel("姓名").first().fill(patientName);
  await manager.getByLabel(/出生日期/).first().fill("1971-07-09");
  await manager.getByLabel("手机号", { exact: true }).first().fill(phone);
  await manager.getByLabel(/会员等级/).fill("银卡");
  await manager.getByRole("button", { name: "开卡", exact: true }).click();
  await expect(manager).toHaveURL(/\/h\/demo\/patients\/[0-9a-f-]{36}\?opened=/, { timeout: 30_000 });
  const patientUrl = manager.url().replace(/\?.*$/, "");
  await manager.getByRole("button", { name: "发送填写链接" }).click();
  const dialog = manager.getByRole("dialog");
  await dialog.getByLabel(/表单/).selectOption({ label: `${title} (v1)` });
  await dialog.getByRole("button", { name: "生成链接" }).click();
  const link = await dialog.getByTestId("form-link").inputValue();
  expect(link).toMatch(/\/f\/[\w-]+\.[\w-]+$/);

  // 5. The patient fills it on a phone.
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const patient = await phoneContext.newPage();
  await patient.goto(link);
  await expect(patient.getByText(title)).toBeVisible();
  for (const [zh] of questions) {
    await patient.getByRole("radiogroup", { name: zh }).getByLabel("是").check();
  }
  await patient.screenshot({ path: `${shots}/phone-form.png`, fullPage: true });
  const overflow = await patient.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(patient);
  await patient.getByRole("button", { name: "提交" }).click();
  await expect(patient.getByText("提交成功，谢谢！")).toBeVisible();
  await patient.screenshot({ path: `${shots}/phone-thanks.png`, fullPage: true });
  await phoneContext.close();

  // 6. Staff see the score and the automatic tag with its reason (rule, version, fact value).
  await manager.goto(patientUrl);
  const response = manager.getByTestId("form-response").filter({ hasText: title });
  await expect(response).toContainText("已完成", { timeout: 30_000 });
  await expect(response.getByTestId("score-total")).toHaveText("2");
  const reason = manager.getByTestId("auto-tag-reason").filter({ hasText: tagName });
  await expect(reason).toContainText(`规则「${ruleName}」第 1 版`);
  await expect(reason).toContainText(`${code} · total = 2`);
  await manager.screenshot({ path: `${shots}/patient-page.png`, fullPage: true });
  await staffContext.close();

  // 7. Rule editor: test against that patient, then the list shows the match and the finished re-run.
  await admin.goto(ruleUrl);
  await admin.getByRole("textbox", { name: "患者" }).fill(patientName);
  await admin.getByRole("button", { name: "搜索患者" }).click();
  await admin.getByRole("button", { name: /^测试/ }).first().click();
  const result = admin.getByTestId("rule-test-result");
  await expect(result).toContainText("符合条件");
  await expect(result).toContainText(`score.${code}.total`);
  await admin.screenshot({ path: `${shots}/rule-test.png`, fullPage: true });
  await admin.goto("/h/demo/rules");
  const listed = admin.getByTestId("rule-row").filter({ hasText: ruleName });
  await expect(listed).toContainText("已启用");
  await expect(listed).toContainText("第 1 版");
  await expect(listed).toContainText("1 位患者符合");
  await expect(admin.getByTestId("rerun-progress")).toContainText("已完成", { timeout: 60_000 });
  await admin.screenshot({ path: `${shots}/rule-list.png`, fullPage: true });
});
