import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { Card, CardContent } from "@/app/_components/ui/card";
import { getPreAuthTicket } from "@/server/auth/pre-auth-cookie";
import { totpUri } from "@/server/auth/totp";
import { getDatabase } from "@/server/tenancy/database";
import { EnrolForm } from "./enrol-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("enrol.title") };
}

export default async function EnrolPage() {
  const ticket = await getPreAuthTicket();
  if (!ticket) redirect("/sign-in");
  if (ticket.stage === "mfa") redirect("/mfa");
  const t = await getTranslations("auth");
  let setup: { qr: string; secret: string } | null = null;
  if (ticket.stage === "enrol" && ticket.secret) {
    const database = await getDatabase();
    const user = await database.control.selectFrom("users").select("email").where("id", "=", ticket.uid).executeTakeFirst();
    if (!user) redirect("/sign-in");
    const qr = await QRCode.toDataURL(totpUri(ticket.secret, user.email), { margin: 1, width: 200, errorCorrectionLevel: "M" });
    setup = { qr, secret: ticket.secret };
  }
  return (
    <Card>
      <CardContent className="px-6 py-7 sm:px-8">
        <h1 className="text-xl font-semibold text-slate-900">{t("enrol.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("enrol.subtitle")}</p>
        <EnrolForm setup={setup} />
      </CardContent>
    </Card>
  );
}
