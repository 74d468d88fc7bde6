/** Input of the `ping` job that proves the API → Redis → worker path. */
export interface PingRequest {
  message?: string;
}

/** What the worker answers to a `ping` job. */
export interface PingResult {
  pong: true;
  message: string;
  processedBy: string;
  processedAt: string;
}
