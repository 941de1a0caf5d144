/** Masked emails at rest: the domain is masked too unless it is a mail provider's (rules/lists/email-providers.json). */
import { isMailProvider, maskDomain, maskForStorage } from '../src/mask';

describe('maskForStorage', () => {
  test.each([
    ['k•••@ortega-family.net', 'k•••@o•••.net'],
    ['k•••@mail.ortega.co.uk', 'k•••@m•••.co.uk'],
    ['j•••@smith.com.au', 'j•••@s•••.com.au'],
    ['j•••@gmail.com', 'j•••@gmail.com'],
    ['j•••@GMAIL.com', 'j•••@GMAIL.com'],
    ['m•••@web.de', 'm•••@web.de'],
    ['j•••@example.com', 'j•••@e•••.com'],
    ['k•••@o•••.net', 'k•••@o•••.net'],
  ])('%s → %s', (masked, stored) => {
    expect(maskForStorage('email', masked)).toBe(stored);
    expect(maskForStorage('email', stored)).toBe(stored); // idempotent
  });
  test('other types and obfuscated emails without @ are unchanged', () => {
    expect(maskForStorage('phone', '+1 •••-•••-0134')).toBe('+1 •••-•••-0134');
    expect(maskForStorage('email', 'j••• a• e•••')).toBe('j••• a• e•••');
  });
  test('a subdomain of a provider is not the provider', () => {
    expect(isMailProvider('gmail.com')).toBe(true);
    expect(isMailProvider('kim.gmail.com.example.net')).toBe(false);
    expect(maskDomain('localhost')).toBe('l•••');
  });
});
