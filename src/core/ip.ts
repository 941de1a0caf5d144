import { isIP } from 'net';

/** Truncates an IP address to a prefix: `203.0.113.0/24`, `2001:db8:1:0:0:0:0:0/48`. */
export function truncateIp(ip: string | undefined, bits: { ipv4: number; ipv6: number }): string | undefined {
  if (!ip) return undefined;
  let addr = ip.split('%')[0] ?? '';
  if (addr.toLowerCase().startsWith('::ffff:') && isIP(addr.slice(7)) === 4) addr = addr.slice(7);
  const kind = isIP(addr);
  if (kind === 4) {
    const n = addr.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    const keep = bits.ipv4 === 0 ? 0 : n - (n % 2 ** (32 - bits.ipv4));
    return `${[24, 16, 8, 0].map((s) => Math.floor(keep / 2 ** s) % 256).join('.')}/${bits.ipv4}`;
  }
  if (kind === 6) {
    const [head = '', tail] = addr.split('::');
    const toGroups = (s: string): number[] => {
      if (!s) return [];
      const out: number[] = [];
      for (const part of s.split(':')) {
        if (part.includes('.')) {
          const b = part.split('.').map(Number);
          out.push(((b[0] ?? 0) << 8) | (b[1] ?? 0), ((b[2] ?? 0) << 8) | (b[3] ?? 0));
        } else out.push(parseInt(part, 16));
      }
      return out;
    };
    const left = toGroups(head);
    const right = tail === undefined ? [] : toGroups(tail);
    const groups = [...left, ...new Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0), ...right];
    const masked = groups.map((g, i) => {
      const keep = Math.max(0, Math.min(16, bits.ipv6 - i * 16));
      return keep === 0 ? 0 : g & (0xffff << (16 - keep)) & 0xffff;
    });
    return `${masked.map((g) => g.toString(16)).join(':')}/${bits.ipv6}`;
  }
  return undefined;
}
