/** Unit constants for the line-of-sight integrator (CGS, energies in GeV, lengths in kpc). */

/** 1 kpc in cm (IAU 2012 astronomical unit and parsec definition). */
export const KPC_CM = 3.0856775814913673e21;
/** 1 mb in cm². */
export const MB_CM2 = 1e-27;
/** Solar mass in g (IAU 2015 nominal GM☉ / G). */
export const MSUN_G = 1.98841e33;
/** Hydrogen atom mass in g (CODATA 2018 m_p + m_e). */
export const MH_G = 1.6735575e-24;
/** 1 pc in cm. */
export const PC_CM = KPC_CM / 1000;
