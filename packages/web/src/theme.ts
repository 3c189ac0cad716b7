import { Badge, Button, type CSSVariablesResolver, createTheme } from '@mantine/core';

// Calm, high-contrast: a teal that keeps AA contrast for white text on filled buttons.
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 7 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  // Filled yellow and orange need dark text to be readable.
  components: {
    Badge: Badge.extend({ defaultProps: { autoContrast: true } }),
    Button: Button.extend({ defaultProps: { autoContrast: true } }),
  },
});

/**
 * Colours changed for WCAG AA contrast (4.5:1): dimmed text and placeholders, the text of light
 * and outline variants (badges, active links, light buttons), and hovered filled buttons, which
 * darken instead of lightening so that white text stays readable.
 *
 * Error text is one rule for the whole app: field messages, the text of an invalid input and any
 * `c="red"` text use `--mantine-color-error` (Mantine's red 6 gives 3.3:1 on white; this gives
 * 6.4:1, and over 5.7:1 on the tinted alert and card backgrounds). `c="orange"` (warnings) and
 * `c="teal"` (confirmations) get readable text shades the same way; a colour with a shade
 * (`c="orange.9"`) bypasses the rule, so text uses the bare colour name.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-text)',
    '--mantine-color-success': 'var(--mantine-color-teal-text)',
    '--mantine-color-red-text': '#b52626',
    '--mantine-color-orange-text': '#ae3a0c',
    '--mantine-color-yellow-text': '#954d00',
    '--mantine-color-teal-text': '#076c4d',
    '--mantine-color-teal-filled-hover': '#066b4c',
    '--mantine-color-red-filled-hover': '#a61e1e',
    '--mantine-color-blue-filled-hover': '#145591',
    '--mantine-color-teal-light-color': '#076c4d',
    '--mantine-color-teal-outline': '#076c4d',
    '--mantine-color-orange-light-color': '#ae3a0c',
    '--mantine-color-orange-outline': '#ae3a0c',
    '--mantine-color-red-light-color': '#b52626',
    '--mantine-color-red-outline': '#b52626',
    '--mantine-color-yellow-light-color': '#954d00',
    '--mantine-color-yellow-outline': '#954d00',
    '--mantine-color-blue-light-color': '#175fa2',
    '--mantine-color-blue-outline': '#175fa2',
    '--mantine-color-indigo-light-color': '#364fc7',
    '--mantine-color-indigo-outline': '#364fc7',
    '--mantine-color-grape-light-color': '#862e9c',
    '--mantine-color-grape-outline': '#862e9c',
    '--mantine-color-green-light-color': '#226e32',
    '--mantine-color-green-outline': '#226e32',
    '--mantine-color-cyan-light-color': '#0a6c7e',
    '--mantine-color-cyan-outline': '#0a6c7e',
    '--mantine-color-pink-light-color': '#a61e4d',
    '--mantine-color-pink-outline': '#a61e4d',
    '--mantine-color-violet-light-color': '#5f3dc4',
    '--mantine-color-violet-outline': '#5f3dc4',
    '--mantine-color-lime-light-color': '#456f0a',
    '--mantine-color-lime-outline': '#456f0a',
  },
  dark: {},
});
