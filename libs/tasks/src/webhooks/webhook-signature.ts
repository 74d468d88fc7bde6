import { createHmac } from 'node:crypto';

/**
 * The `X-Insight-Signature` value: `sha256=` and the hex HMAC-SHA256, keyed with the webhook's
 * secret, of `<timestamp>.<body>` (timestamp in Unix seconds, also sent as `X-Insight-Timestamp`),
 * so a receiver can refuse both forged bodies and replays of old ones.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
