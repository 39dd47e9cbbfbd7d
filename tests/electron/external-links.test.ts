import { describe, expect, it } from 'vitest';
import { externalLinkTarget } from '../../electron/main/external-links';

describe('externalLinkTarget (what shell.openExternal may receive)', () => {
  it('allows parsed https: links to a host, and mailto: links', () => {
    expect(externalLinkTarget('https://example.com/help?x=1#y')).toBe(
      'https://example.com/help?x=1#y',
    );
    expect(externalLinkTarget('HTTPS://Example.COM')).toBe('https://example.com/');
    expect(externalLinkTarget('mailto:writer@example.com?subject=Hi')).toBe(
      'mailto:writer@example.com?subject=Hi',
    );
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
