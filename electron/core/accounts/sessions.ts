/**
 * Who is signed in on which connection (an Electron window, a browser-preview tab, the CLI).
 * A session holds only the user id and activity; the role is read fresh on every call so a
 * demotion or a disabled account takes effect at once.
 */
export interface Session {
  userId: string;
  lastActivity: number;
  locked: boolean;
  /** Signed in with a password shorter than the rule: asked to change it until it is changed. */
  mustChangePassword: boolean;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  start(connectionId: string, userId: string, now: number, mustChangePassword = false): Session {
    const session: Session = { userId, lastActivity: now, locked: false, mustChangePassword };
    this.sessions.set(connectionId, session);
    return session;
  }

  get(connectionId: string): Session | undefined {
    return this.sessions.get(connectionId);
  }

  end(connectionId: string): boolean {
    return this.sessions.delete(connectionId);
  }

  /** End every session of a user (disabled, password reset by an admin). */
  endUser(userId: string): string[] {
    const ended: string[] = [];
    for (const [connectionId, s] of this.sessions) {
      if (s.userId === userId) {
        this.sessions.delete(connectionId);
        ended.push(connectionId);
      }
    }
    return ended;
  }

  /** End every session (the database was replaced by a backup): returns their connections. */
  endAll(): string[] {
    const ended = [...this.sessions.keys()];
    this.sessions.clear();
    return ended;
  }

  /** Lock the session if it has been idle longer than the limit; returns true if it is locked now. */
  checkIdle(session: Session, now: number, idleLockMinutes: number): boolean {
    if (!session.locked && now - session.lastActivity > idleLockMinutes * 60_000) session.locked = true;
    return session.locked;
  }
}
