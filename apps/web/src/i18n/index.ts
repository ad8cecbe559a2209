import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

export type Language = 'zh' | 'en';

const STORAGE_KEY = 'cppcc.language';

/** Chinese unless the user chose English (remembered in this browser). */
export function initialLanguage(): Language {
  return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function rememberLanguage(language: Language): void {
  window.localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh',
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
});
document.documentElement.lang = initialLanguage() === 'zh' ? 'zh-CN' : 'en';

export { i18n };
