import { redirect } from "next/navigation";
import { requireOperator } from "./_lib/require-operator";

export default async function AdminHome() {
  await requireOperator();
  redirect("/admin/tenants");
}
