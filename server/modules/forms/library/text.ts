import type { TText } from "@/server/shared/forms/document";

export const t = (zh: string, en: string): TText => ({ "zh-CN": zh, en });
