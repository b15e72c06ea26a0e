/** The nil id: what a required reference holds until one is chosen (Rust refuses it at its field). */
export const NIL_ID = '00000000-0000-0000-0000-000000000000';
