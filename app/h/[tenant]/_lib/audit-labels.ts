/** Localised audit vocabulary with a raw-code fallback for actions the catalogue does not know yet. */
interface Translator {
  (key: string): string;
  has(key: string): boolean;
}

export function auditActionLabel(t: Translator, action: string): string {
  const key = `actions.${action.replaceAll(".", "_")}`;
  return t.has(key) ? t(key) : action;
}

export function auditResourceLabel(t: Translator, resourceType: string | null): string | null {
  if (!resourceType) return null;
  const key = `resources.${resourceType.replaceAll(".", "_")}`;
  return t.has(key) ? t(key) : resourceType;
}

export function roleLabel(t: Translator, role: string | null): string | null {
  if (!role) return null;
  const key = `roles.${role}`;
  return t.has(key) ? t(key) : role;
}
