// Package store keeps what stemma has read and found in one SQLite file,
// so that ingest, watch, serve and export can work incrementally and a
// later process can resume where an earlier one stopped.
//
// It holds the raw inputs byte for byte, the documents read from them
// (each article once: see Key), each document's analysis record, the
// current view of stories with their lineage and relations, a full-text
// index of titles and texts, and the state of watched feeds. The analysis
// itself is not here: its results come in and go out as plain data.
//
// The file is in WAL mode: one process or goroutine writes at a time,
// through one connection, while any number read. Every write method is
// one transaction, so a process killed at any point leaves each batch
// stored whole or not at all; storing a batch again after a crash is
// safe, as documents and analysis records are idempotent.
//
// The schema is migrated forward on Open, by numbered migrations recorded
// in the schema_migrations table; a file written by a newer program is
// refused with ErrNewerSchema rather than misread.
package store
