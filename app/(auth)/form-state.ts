/** What a sign-in step's server action hands back to its form. */
export interface AuthFormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  email?: string;
}
