/** A message body the processor must refuse, and why it is wrong. */
export type InvalidBody = { kind: string; body: string };

/**
 * Builds `count` invalid message bodies, cycling through kinds of mistake a
 * producer makes: wrong type, broken JSON, seconds instead of milliseconds,
 * missing or malformed fields.
 *
 * @param now - the clock the bodies' timestamps are based on
 */
export function buildInvalidBodies(count: number, now: number): InvalidBody[] {
  const kinds: InvalidBody[] = [
    {
      kind: 'unknown_type',
      body: encode({ type: 'organic', created_at: now }),
    },
    { kind: 'not_json', body: '{"type":"direct","created_at":' },
    {
      kind: 'seconds_created_at',
      body: encode({ type: 'direct', created_at: Math.floor(now / 1000) }),
    },
    { kind: 'missing_created_at', body: encode({ type: 'direct' }) },
    {
      kind: 'bad_ip',
      body: encode({ type: 'direct', created_at: now, ip: '256.1.1.1' }),
    },
    {
      kind: 'bad_url',
      body: encode({ type: 'referrer', created_at: now, url: 'ftp://x.test/' }),
    },
    { kind: 'not_an_object', body: '[1,2,3]' },
    {
      kind: 'future_created_at',
      body: encode({ type: 'direct', created_at: now + 7 * 86_400_000 }),
    },
  ];

  return Array.from(
    { length: count },
    (_, index) => kinds[index % kinds.length] as InvalidBody,
  );
}

function encode(value: object): string {
  return JSON.stringify(value);
}
