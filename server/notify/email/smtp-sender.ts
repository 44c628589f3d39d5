import nodemailer from "nodemailer";
import { PermanentSendError, TransientSendError, type EmailSender } from "../types";

export interface SmtpConfig {
  /** smtp://user:pass@host:587 or smtps://…:465 */
  url: string;
  from: string;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** SMTP through nodemailer. 5xx replies are permanent, 4xx and connection failures transient. */
export function smtpSender(config: SmtpConfig): EmailSender {
  const transport = nodemailer.createTransport(config.url);
  return {
    name: "smtp",
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          messageId: `<${message.idempotencyKey}@carepath>`,
          headers: message.unsubscribeUrl
            ? { "List-Unsubscribe": `<${message.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
            : undefined,
        });
        return { provider: "smtp", providerMessageId: info.messageId ?? null };
      } catch (error) {
        const e = error as SmtpError;
        const text = `SMTP ${e.responseCode ?? e.code ?? ""}: ${e.response ?? e.message ?? ""}`;
        if (e.responseCode && e.responseCode >= 500) throw new PermanentSendError(String(e.responseCode), text);
        throw new TransientSendError(String(e.responseCode ?? e.code ?? "smtp"), text);
      }
    },
  };
}
