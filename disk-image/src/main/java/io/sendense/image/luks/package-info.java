/**
 * LUKS1 as qemu stores it inside a QCOW2 image ({@code encrypt.format=luks}): the header and key
 * slots (PBKDF2-SHA256, anti-forensic split), and AES-256-XTS with plain64 sector numbers. Written
 * from the LUKS1 on-disk format specification and qemu's documentation, with the JDK's crypto only.
 */
package io.sendense.image.luks;
