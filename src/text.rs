//! Text formats shared by the layers above (pki, setup, response): XML escaping and UTC dates
//! from and to Unix seconds. Pure and dependency-free, so every layer may use it.

pub mod date;
pub mod xml;
