import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * This installation's signing key (issue 14, item 7): one row, id "installation". The private key lives only here,
 * inside the database (encrypted at rest on SQLite; on PostgreSQL, the server's own protection), never in
 * a plain file; it travels with the database in every backup, so a restored school signs as itself.
 */
@Entity({ name: 'installation_key' })
export class InstallationKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 }) id!: string;
  @Column({ type: 'varchar', length: 20 }) algorithm!: string;
  /** base64url of the 32 raw bytes. */
  @Column({ name: 'public_key', type: 'varchar', length: 64 }) publicKey!: string;
  /** base64 PKCS#8 DER. */
  @Column({ name: 'private_key', type: 'text' }) privateKey!: string;
  @Column({ type: 'varchar', length: 80 }) fingerprint!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
}

/** A school whose packages the SENCo trusts, after checking its fingerprint by phone. Trust is in the key. */
@Entity({ name: 'trusted_sender' })
@Index('ux_trusted_sender_key', ['publicKey'], { unique: true })
export class TrustedSenderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'public_key', type: 'varchar', length: 64 }) publicKey!: string;
  @Column({ type: 'varchar', length: 80 }) fingerprint!: string;
  /** The school and URN its packages name (as signed), when it was trusted. */
  @Column({ type: 'varchar', length: 200 }) school!: string;
  @Column({ type: 'varchar', length: 6 }) urn!: string;
  /** How it was checked: who the SENCo spoke to, on which number. */
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'trusted_by', type: 'varchar', length: 140 }) trustedBy!: string;
  @Column({ name: 'trusted_by_user_id', type: 'varchar', length: 36, nullable: true }) trustedByUserId!: string | null;
  @Column({ name: 'trusted_at', type: 'varchar', length: 30 }) trustedAt!: string;
}
