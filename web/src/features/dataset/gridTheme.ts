import type { Theme } from '@glideapps/glide-data-grid';

const fontFamily =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

/** The grid draws on a canvas and cannot read CSS variables: these mirror styles.css. */
export function gridTheme(scheme: 'light' | 'dark'): Partial<Theme> {
  if (scheme === 'dark') {
    return {
      accentColor: '#6b9cf0',
      accentFg: '#0d1420',
      accentLight: 'rgba(107, 156, 240, 0.18)',
      textDark: '#e6e8eb',
      textMedium: '#b4bcc6',
      textLight: '#7d8691',
      textBubble: '#e6e8eb',
      bgIconHeader: '#9aa3ae',
      fgIconHeader: '#1a1d21',
      textHeader: '#b4bcc6',
      textHeaderSelected: '#0d1420',
      bgCell: '#1a1d21',
      bgCellMedium: '#202429',
      bgHeader: '#23272d',
      bgHeaderHasFocus: '#2c3138',
      bgHeaderHovered: '#2c3138',
      bgBubble: '#2c3138',
      bgBubbleSelected: '#6b9cf0',
      bgSearchResult: '#4d4420',
      borderColor: 'rgba(255, 255, 255, 0.08)',
      horizontalBorderColor: 'rgba(255, 255, 255, 0.06)',
      drilldownBorder: 'rgba(255, 255, 255, 0.2)',
      linkColor: '#8fb4f5',
      headerFontStyle: '600 13px',
      baseFontStyle: '13px',
      fontFamily,
    };
  }
  return {
    accentColor: '#2f6fdb',
    accentFg: '#ffffff',
    accentLight: 'rgba(47, 111, 219, 0.14)',
    textDark: '#1b1f24',
    textMedium: '#4a525c',
    textLight: '#8a929c',
    textBubble: '#1b1f24',
    bgIconHeader: '#5b6470',
    fgIconHeader: '#ffffff',
    textHeader: '#4a525c',
    textHeaderSelected: '#ffffff',
    bgCell: '#ffffff',
    bgCellMedium: '#f7f8fa',
    bgHeader: '#f0f2f5',
    bgHeaderHasFocus: '#e3e7ec',
    bgHeaderHovered: '#e3e7ec',
    bgBubble: '#f0f2f5',
    bgBubbleSelected: '#2f6fdb',
    bgSearchResult: '#fff3c4',
    borderColor: 'rgba(0, 0, 0, 0.09)',
    horizontalBorderColor: 'rgba(0, 0, 0, 0.06)',
    drilldownBorder: 'rgba(0, 0, 0, 0.2)',
    linkColor: '#2f6fdb',
    headerFontStyle: '600 13px',
    baseFontStyle: '13px',
    fontFamily,
  };
}
