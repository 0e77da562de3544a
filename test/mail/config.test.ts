/** SMTP settings from the environment: good values parsed, bad ones named. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FROM, smtpConfigFromEnv } from '../../activities/mail/config';

describe('SMTP configuration', () => {
  it('reads host, port, TLS, credentials and sender', () => {
    expect(
      smtpConfigFromEnv({
        SMTP_HOST: 'smtp.example.org',
        SMTP_PORT: '465',
        SMTP_SECURE: 'true',
        SMTP_USER: 'govflow',
        SMTP_PASSWORD: ' pass word ',
        GOVFLOW_MAIL_FROM: 'Democratic Services <democratic.services@example.gov.uk>',
      }),
    ).toEqual({
      host: 'smtp.example.org',
      port: 465,
      secure: true,
      auth: { user: 'govflow', pass: ' pass word ' },
      from: { name: 'Democratic Services', address: 'democratic.services@example.gov.uk' },
    });
  });

  it('defaults to port 587 with STARTTLS, no credentials and the govflow sender', () => {
    expect(smtpConfigFromEnv({ SMTP_HOST: 'relay', SMTP_USER: '', GOVFLOW_MAIL_FROM: '' })).toEqual({
      host: 'relay',
      port: 587,
      secure: false,
      from: DEFAULT_FROM,
    });
  });

  it.each([
    [{ SMTP_HOST: 'relay', SMTP_PORT: 'twenty-five' }, /SMTP_PORT/],
    [{ SMTP_HOST: 'relay', SMTP_PORT: '70000' }, /SMTP_PORT/],
    [{ SMTP_HOST: 'relay', SMTP_SECURE: 'maybe' }, /SMTP_SECURE/],
    [{ SMTP_HOST: 'relay', SMTP_USER: 'u' }, /SMTP_PASSWORD: required when SMTP_USER is set/],
    [{ SMTP_HOST: 'relay', GOVFLOW_MAIL_FROM: 'Democratic Services' }, /GOVFLOW_MAIL_FROM/],
    [{}, /SMTP_HOST/],
  ])('names the bad variable in %o', (env, message) => {
    expect(() => smtpConfigFromEnv(env)).toThrow(message);
  });
});
