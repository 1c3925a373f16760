import { describe, expect, it } from 'vitest';
import { MemoryMailer } from './memory-mailer.ts';

describe('MemoryMailer', () => {
  it('records what was sent, with the sender and the time', async () => {
    const mailer = new MemoryMailer('Peak <peak@example.com>');
    const before = Date.now();
    await mailer.send({ to: 'ann@example.com', subject: 'Verify', text: 'Open https://x/verify?t=1' });
    const [sent, ...rest] = mailer.messages();
    expect(rest).toEqual([]);
    expect(sent).toMatchObject({
      from: 'Peak <peak@example.com>',
      to: 'ann@example.com',
      subject: 'Verify',
      text: 'Open https://x/verify?t=1',
    });
    expect(Date.parse(sent?.sent_at ?? '')).toBeGreaterThanOrEqual(before - 1000);
  });

  it('has a default sender', () => {
    expect(new MemoryMailer().from).toMatch(/@/);
  });

  it('keeps the latest 200 messages, oldest first', async () => {
    const mailer = new MemoryMailer();
    for (let i = 0; i < 205; i++) await mailer.send({ to: 'a@example.com', subject: `#${i}`, text: '' });
    const subjects = mailer.messages().map((message) => message.subject);
    expect(subjects).toHaveLength(200);
    expect(subjects[0]).toBe('#5');
    expect(subjects.at(-1)).toBe('#204');
  });

  it('hands out a copy, and clears', async () => {
    const mailer = new MemoryMailer();
    await mailer.send({ to: 'a@example.com', subject: 's', text: 't', html: '<p>t</p>' });
    const snapshot = mailer.messages();
    mailer.clear();
    expect(snapshot).toHaveLength(1);
    expect(snapshot[0]?.html).toBe('<p>t</p>');
    expect(mailer.messages()).toEqual([]);
    await expect(mailer.close()).resolves.toBeUndefined();
  });
});
