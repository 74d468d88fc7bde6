import { parsePublicJobId, publicJobId } from './job-ids';

describe('public job ids', () => {
  it('round-trips a queue and a job id', () => {
    expect(parsePublicJobId(publicJobId('ping', 'ping-123'))).toEqual({ queue: 'ping', jobId: 'ping-123' });
  });

  it.each(['', 'ping', '.x', 'nope.x', 'ping.a:b', 'ping.$where', `ping.${'a'.repeat(201)}`])(
    'refuses %p',
    (id) => {
      expect(parsePublicJobId(id)).toBeNull();
    },
  );
});
