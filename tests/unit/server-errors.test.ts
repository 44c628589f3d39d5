import { describe, expect, it } from "vitest";
import { errorMessage, serverFieldErrors } from "@/app/_components/server-errors";

const zodError = {
  message: "输入有误，请检查后重试。 name: 太短",
  data: {
    code: "BAD_REQUEST",
    zodIssues: [
      { path: ["name"], message: "太短" },
      { path: ["name"], message: "second issue on the same field" },
      { path: ["patient", "phone"], message: "手机号格式不正确" },
    ],
  },
};

describe("serverFieldErrors", () => {
  it("maps zod issues onto their dotted paths, first issue per field, and no form message", () => {
    expect(serverFieldErrors(zodError)).toEqual({ fields: { name: "太短", "patient.phone": "手机号格式不正确" }, form: undefined, code: "BAD_REQUEST" });
  });

  it("keeps only the fields the form shows; when none apply the error message goes to the form", () => {
    expect(serverFieldErrors(zodError, ["name"]).fields).toEqual({ name: "太短" });
    expect(serverFieldErrors(zodError, ["email"])).toEqual({ fields: {}, form: zodError.message, code: "BAD_REQUEST" });
  });

  it("a non-validation error is a form message with its code", () => {
    expect(serverFieldErrors({ message: "该机构标识已被使用。", data: { code: "CONFLICT", zodIssues: null } })).toEqual({
      fields: {},
      form: "该机构标识已被使用。",
      code: "CONFLICT",
    });
  });

  it("errorMessage prefers the first zod issue", () => {
    expect(errorMessage(zodError)).toBe("太短");
    expect(errorMessage({ message: "Not found" })).toBe("Not found");
  });
});
