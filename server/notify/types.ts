import type { ReminderKind } from "@/db/types/tenant";

export type Channel = "sms" | "email";

export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per delivery row; becomes the Message-ID, so a resend would be recognisable as the same mail. */
  idempotencyKey: string;
  unsubscribeUrl?: string;
}

export interface SmsMessage {
  /** Mobile number: 11-digit Chinese mobile or E.164 (+…). */
  to: string;
  /** The rendered text (providers that send free text). */
  text: string;
  /** Template providers (Aliyun): the template of this reminder kind and its parameters (no identifiers). */
  template: { kind: ReminderKind; params: Record<string, string> };
  idempotencyKey: string;
  /** Where the provider posts delivery receipts, when it supports them. */
  statusCallbackUrl?: string;
}

export interface SendReceipt {
  provider: string;
  providerMessageId: string | null;
}

/** The provider refused the message for good (bad number, unknown template, auth): do not retry. */
export class PermanentSendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "PermanentSendError";
  }
}

/** The provider or the network failed in a way that may pass (5xx, throttling, timeout): retry later. */
export class TransientSendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "TransientSendError";
  }
}

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<SendReceipt>;
}

export interface EmailSender {
  readonly name: string;
  send(message: EmailMessage): Promise<SendReceipt>;
}

/** HTTP status → error class: 429 and 5xx may pass, other 4xx will not. */
export function errorForStatus(status: number, code: string, message: string): Error {
  return status === 429 || status >= 500 ? new TransientSendError(code, message) : new PermanentSendError(code, message);
}

/** fetch() throwing (connection refused, reset, timeout) is transient. */
export async function providerFetch(url: string, init: RequestInit, timeoutMs = 15_000): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new TransientSendError("network", error instanceof Error ? error.message : String(error));
  }
}
