// The group's comparison report ("Jämförelse för en grupp kommuner") to download, where the reports
// area offers it.
export function GroupReportLink(_props: { groupId: number; year: number }) {
  return null;
}
