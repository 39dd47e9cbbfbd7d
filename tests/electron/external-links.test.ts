import { describe, expect, it } from 'vitest';
import { externalLinkTarget } from '../../electron/main/external-links';

describe('externalLinkTarget (what shell.openExternal may receive)', () => {
  it('allows parsed https: links to a host, and mailto: links', () => {
    expect(externalLinkTarget('https://example.com/help?x=1#y')).toBe(
      'https://example.com/help?x=1#y',
    );
    expect(externalLinkTarget('HTTPS://Example.COM')).toBe('https://example.com/');
    expect(externalLinkTarget('mailto:writer@example.com')).toBe('mailto:writer@example.com');
  });

  it.each([
    ['mailto:writer@example.com?subject=Hi', 'mailto:writer@example.com'],
    ['mailto:writer@example.com?body=Send%20me%20your%20library', 'mailto:writer@example.com'],
    ['mailto:writer@example.com?attach=/home/me/.ssh/id_rsa', 'mailto:writer@example.com'],
    ['mailto:writer@example.com?attachment=C:%5Csecret.txt', 'mailto:writer@example.com'],
    [
      'mailto:writer@example.com?cc=spy@evil.example&bcc=x@evil.example',
      'mailto:writer@example.com',
    ],
    ['mailto:writer@example.com#fragment', 'mailto:writer@example.com'],
    ['MAILTO:first.last+tag@mail.example.org', 'mailto:first.last+tag@mail.example.org'],
  ])('reduces %j to the address alone', (url, expected) => {
    expect(externalLinkTarget(url)).toBe(expected);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://beatline/index.html',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/etc/passwd',
    'https://user:secret@example.com/',
    'https://:pw@example.com/',
    'mailto:',
    'mailto:?to=writer@example.com&body=hi',
    'mailto:?attach=/etc/passwd',
    'mailto:a@example.com,b@example.com',
    'mailto:writer',
    'mailto:@example.com',
    'mailto:writer@',
    'mailto:writer@exa mple.com',
    'mailto:%22quoted%20name%22@example.com',
    'mailto:writer%0D%0ABcc:spy@evil.example',
    'mailto:writer@example.com%0D%0ABcc:spy@evil.example',
    'mailto:writer@-example.com-',
    'not a url',
    '',
    '  https://example.com',
  ])('refuses %j', (url) => {
    const target = externalLinkTarget(url);
    if (url === '  https://example.com') {
      // The URL parser trims spaces; what comes out is still a plain https link.
      expect(target).toBe('https://example.com/');
      return;
    }
    expect(target).toBeNull();
  });
});
