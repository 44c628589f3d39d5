import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/sign-in";

// The administrator's results settings: the indicator catalogue (edit ranges with row checks, add an
// indicator), API keys (created and shown once, revoked) and the department lead that overdue
// 重要异常结果 escalate to.

async function expectNoAxeViolations(page: Page) {
  const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("indicator catalogue, API keys and the department lead in settings", async ({ page }) => {
  await signIn(page, "admin@demo.carepath.local");
  await page.goto("/h/demo/settings");
  await page.getByRole("link", { name: /指标目录/ }).click();
  await expect(page.getByRole("heading", { name: "指标目录", level: 1 })).toBeVisible();

  // Edit the ranges of uric acid: an overlapping age band is refused under its row; a valid split saves.
  await page.getByLabel("搜索", { exact: true }).fill("UA");
  const ua = page.locator('tr[data-code="UA"]');
  await expect(ua).toContainText("男：208–420 μmol/L");
  await ua.getByRole("button", { name: /编辑参考范围/ }).click();
  const dialog = page.getByRole("dialog", { name: /编辑参考范围：尿酸/ });
  await dialog.getByRole("button", { name: "添加一行" }).click();
  await dialog.getByLabel("第 3 行 性别").selectOption("male");
  await dialog.getByLabel("第 3 行 年龄自（岁）").fill("60");
  await dialog.getByLabel("第 3 行 下限").fill("208");
  await dialog.getByLabel("第 3 行 上限").fill("450");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByText("与上面同一性别的年龄段重叠。")).toBeVisible();
  await dialog.getByLabel("第 1 行 年龄至（岁，不含）").fill("60");
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("已保存「尿酸」的参考范围")).toBeVisible();
  await expect(ua).toContainText("男 0–60 岁：208–420 μmol/L");
  await expect(ua).toContainText("男 60–∞ 岁：208–450 μmol/L");

  // Add an indicator: a bad code is explained in place, then it is created with a range and a conversion.
  await page.getByRole("button", { name: "新增指标" }).click();
  const add = page.getByRole("dialog", { name: "新增指标" });
  await add.getByRole("textbox", { name: "代码", exact: true }).fill("lp a");
  await add.getByLabel("中文名称").fill("脂蛋白(a)");
  await add.getByLabel("英文名称").fill("Lipoprotein(a)");
  await add.getByLabel("分类").selectOption("lipids");
  await add.getByLabel("单位", { exact: true }).fill("mg/L");
  await add.getByLabel("第 1 行 上限").fill("300");
  await add.getByRole("button", { name: "新增指标" }).click();
  await expect(add.getByText("代码须为 1–32 位大写字母、数字或下划线。")).toBeVisible();
  await add.getByRole("textbox", { name: "代码", exact: true }).fill("LPA");
  await add.getByRole("button", { name: "添加换算" }).click();
  await add.getByLabel("换算第 1 行 单位").fill("mg/dL");
  await add.getByLabel("换算第 1 行 系数").fill("10");
  await expectNoAxeViolations(page);
  await add.getByRole("button", { name: "新增指标" }).click();
  await expect(add).toBeHidden();
  await page.getByLabel("搜索", { exact: true }).fill("LPA");
  await expect(page.locator('tr[data-code="LPA"]')).toContainText("≤300 mg/L");

  // API keys: created with its scope and shown once; the list shows it never used; revoke it.
  await page.goto("/h/demo/settings/api-keys");
  await page.getByRole("textbox", { name: "名称", exact: true }).fill("检验科 LIS");
  await page.getByRole("button", { name: "创建密钥" }).click();
  const secret = page.getByRole("dialog", { name: "新密钥（只显示这一次）" });
  await expect(secret.getByTestId("new-api-key")).toHaveValue(/^cpk_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
  await expectNoAxeViolations(page);
  await secret.getByRole("button", { name: "我已保存" }).click();
  const key = page.locator('tr[data-key-name="检验科 LIS"]');
  await expect(key).toContainText("results.import");
  await expect(key).toContainText("从未");
  await expect(key).toContainText("有效");
  await expectNoAxeViolations(page);
  await key.getByRole("button", { name: "吊销 检验科 LIS" }).click();
  await page.getByRole("dialog", { name: "吊销密钥「检验科 LIS」" }).getByRole("button", { name: "吊销" }).click();
  await expect(key).toContainText("已吊销");
  await expect(key.getByRole("button")).toHaveCount(0);

  // The department lead.
  await page.goto("/h/demo/settings/departments");
  const dept = page.locator("tbody tr").filter({ hasText: "健康管理科" });
  await expect(dept).toContainText("未设置");
  await dept.getByRole("button", { name: "设置 健康管理科 的负责人" }).click();
  const lead = page.getByRole("dialog", { name: "设置科室负责人" });
  await lead.getByLabel("科室负责人").selectOption({ label: "张伟（医生） · doctor@demo.carepath.local" });
  await expectNoAxeViolations(page);
  await lead.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("「健康管理科」的负责人已设为 张伟（医生）")).toBeVisible();
  await expect(dept).toContainText("张伟（医生）");
});
