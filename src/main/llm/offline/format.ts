/** Numbers in the offline findings: digits grouped the same way in both languages (1,234,567). */
export const fmtRows = (n: number) => n.toLocaleString('en-US');
