/** Readers for the NYU Depth v2 multi-task layouts: NYUD_MT (MTI-Net) and NYUDv2 (InvPT). */
package org.hirmtl.data.nyud;
