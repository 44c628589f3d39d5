/** The signed-in staff account as the rest of the server sees it (after session-row checks). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isPlatformOperator: boolean;
  /** control.sessions.id — revoking that row ends this session on its next request. */
  sessionId: string;
}
