import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { demoAccount, totpCode } from "./fixtures/accounts";
import { signIn } from "./fixtures/sign-in";

// Each test signs in a different account: a TOTP code is accepted once, and these run back to back.

test("sign in with password and TOTP lands on the tenant dashboard; wrong code is refused", async ({ page }) => {
  const doctor = demoAccount("doctor@demo.carepath.local");
  await page.goto("/sign-in");
  await page.locator("#email").fill(doctor.email);
  await page.locator("#password").fill("not-the-password-1");
  await page.locator("form button[type=submit]").click();
  await expect(page.locator("form [role=alert]")).toContainText("邮箱或密码不正确");

  await page.locator("#password").fill(doctor.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/mfa$/);
  await page.locator("#code").fill("000000");
  await page.locator("form button[type=submit]").click();
  await expect(page.getByText(/验证码不正确|已过期/)).toBeVisible();

  await page.locator("#code").fill(await totpCode(doctor.totpSecret!));
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/h\/demo$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(doctor.displayName.replace(/（.*$/, ""));
  await expect(page.getByText("示范健康管理中心").first()).toBeVisible();
});

test("a fresh account enrols MFA with the QR key, sees recovery codes once, then signs in", async ({ page }) => {
  const fresh = demoAccount("newstaff@demo.carepath.local");
  await page.goto("/sign-in");
  await page.locator("#email").fill(fresh.email);
  await page.locator("#password").fill(fresh.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/mfa\/enrol$/);
  await expect(page.getByRole("img", { name: /二维码/ })).toBeVisible();

  const secret = (await page.locator("code").first().innerText()).replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.locator("#code").fill(await totpCode(secret));
  await page.locator("form button[type=submit]").click();

  const codes = page.getByRole("list", { name: "恢复码" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const continueButton = page.getByRole("button", { name: "完成并进入系统" });
  await expect(continueButton).toBeDisabled();
  await page.getByLabel("我已妥善保存这些恢复码").check();
  await continueButton.click();
  await expect(page).toHaveURL(/\/h\/demo$/);
});

test("language switches to English and is remembered after reload", async ({ page }) => {
  await signIn(page, "service@demo.carepath.local");
  await page.getByRole("button", { name: /^语言/ }).click();
  await page.getByRole("menuitemradio", { name: "English" }).click();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Dashboard" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the tenant switcher lists only the user's tenants and switches between them", async ({ page }) => {
  await signIn(page, "manager@demo.carepath.local");
  await page.getByRole("button", { name: /切换机构/ }).click();
  const options = page.getByRole("menuitemradio");
  await expect(options).toHaveCount(2);
  await options.filter({ hasText: "滨江体检中心" }).click();
  await expect(page).toHaveURL(/\/h\/riverside$/);
  await expect(page.getByRole("button", { name: /切换机构/ })).toContainText("滨江体检中心");
});

test("after sign-out the old session cookie no longer works", async ({ page, browser }) => {
  await signIn(page, "nurse@demo.carepath.local");
  const stolen = await page.context().cookies();
  expect(stolen.some((c) => c.name.includes("session-token"))).toBe(true);

  await page.getByRole("button", { name: /账号菜单/ }).click();
  await page.getByRole("menuitem", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const attacker = await browser.newContext();
  await attacker.addCookies(stolen);
  const replay = await attacker.newPage();
  await replay.goto("/h/demo");
  await expect(replay).toHaveURL(/\/sign-in/);
  const api = await attacker.request.get("/api/trpc/tenant.current", { headers: { "x-carepath-tenant": "demo" } });
  expect(api.status()).toBe(401);
  await attacker.close();
});

test("a tampered URL to another tenant answers 404", async ({ page }) => {
  await signIn(page, "admin@demo.carepath.local");
  const response = await page.goto("/h/riverside");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect((await page.goto("/h/riverside/settings/staff"))?.status()).toBe(404);
  expect((await page.goto("/h/no-such-tenant"))?.status()).toBe(404);
});

test("the platform operator provisions a tenant and appoints its administrator", async ({ page }) => {
  await signIn(page, "operator@carepath.local");
  await expect(page).toHaveURL(/\/admin\/tenants$/);
  await page.getByLabel("机构标识").fill("e2e-clinic");
  await page.getByLabel("机构名称").fill("端到端测试诊所");
  await page.getByRole("button", { name: "开通机构" }).click();
  const row = page.getByRole("row").filter({ hasText: "e2e-clinic" });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /添加管理员/ }).click();
  await page.getByLabel("邮箱").fill("director@e2e-clinic.example");
  await page.getByLabel("姓名").fill("院办主任");
  await page.getByLabel("初始密码").fill("Harbour-Lights-2026");
  await page.getByRole("dialog").getByRole("button", { name: "添加管理员" }).click();
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");
});

test("sign-in and dashboard have no WCAG 2.2 AA violations", async ({ page }) => {
  await page.goto("/sign-in");
  const signInScan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(signInScan.violations).toEqual([]);
  await signIn(page, "auditor@demo.carepath.local");
  const dashboardScan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(dashboardScan.violations).toEqual([]);
});
