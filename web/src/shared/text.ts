/**
 * MARC-8 era records keep Chinese words apart with ideographic spaces (中國　哲學　新論), a
 * romanisation habit; readers expect the title written solid. Spaces between two Han
 * characters go; any other space stays.
 */
export function solidCjk(text: string): string;
export function solidCjk(text: string | null): string | null;
export function solidCjk(text: string | null): string | null {
  return text === null ? null : text.replace(/(\p{Script=Han})[\u3000 ]+(?=\p{Script=Han})/gu, '$1');
}
