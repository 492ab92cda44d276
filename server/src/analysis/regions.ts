// Region identity. An entity without `region` lives in an unnamed home region, which no
// written region name can equal; `geo` means the home region's pair, which is never home.

/** Whether a written region differs from the home region (undefined = the unnamed home). */
export function differentRegion(region: string, home: string | undefined): boolean {
  return home === undefined || region !== home;
}
