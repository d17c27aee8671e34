/**
 * A start-up failure the developer can fix (no Java, busy port, no build). `npm start` prints its
 * message as one line and exits non-zero instead of dumping a stack trace.
 */
export class LocalSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalSetupError';
  }
}
