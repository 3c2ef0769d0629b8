package rotate

import "errors"

// Why a rotation stopped. Each error's JSON code (rotate --json's "error")
// lives in codes, the one table of them. Messages never hold a key.
var (
	// ErrNoKey: no OpenAI key is configured here, so nothing to rotate.
	ErrNoKey = errors.New("no OpenAI key is configured here")
	// ErrSameKey: the new key is the old one.
	ErrSameKey = errors.New("the new key is the key being replaced")
	// ErrNewKeyFailed: the new key failed a check; nothing was written.
	ErrNewKeyFailed = errors.New("the new key failed a check")
	// ErrDeclined: the user said no to writing the planned changes.
	ErrDeclined = errors.New("the changes were declined")
	// ErrRefused: planning refused a file (tracked without Force, read-only,
	// gone): nothing was written anywhere.
	ErrRefused = errors.New("nothing was written")
	// ErrPartial: writing failed for some files after the plan passed; the
	// results say which files hold the new key.
	ErrPartial = errors.New("some files were not updated")
	// ErrStillValid: a wait ended with the old key still working.
	ErrStillValid = errors.New("the old key still works")
	// ErrRevokeUnknown: a wait ended with no clear answer about the old key.
	ErrRevokeUnknown = errors.New("could not tell whether the old key is revoked")
	// ErrRevokeRefused: revoking through the Admin API was refused, nothing
	// deleted: the listings show the old key nowhere, several times, or
	// under a service account that has other keys.
	ErrRevokeRefused = errors.New("the old key was not revoked through the Admin API")
	// ErrRevokeFailed: an Admin API call failed while revoking.
	ErrRevokeFailed = errors.New("revoking through the Admin API failed")
	// ErrCreateRefused: making the new key through the Admin API was
	// refused, nothing created: the listings show the old key nowhere or
	// several times, or its project is the Default project.
	ErrCreateRefused = errors.New("no key was created through the Admin API")
	// ErrCreateFailed: an Admin API call failed while making the new key.
	ErrCreateFailed = errors.New("creating the new key through the Admin API failed")
	// ErrInterrupted: the user stopped the rotation (ctrl+c).
	ErrInterrupted = errors.New("interrupted")
)

// ErrGone is a file's Err when the file no longer exists.
var ErrGone = errors.New("the file no longer exists")

var codes = []struct {
	err  error
	code string
}{
	{ErrNoKey, "no_key"},
	{ErrSameKey, "same_key"},
	{ErrNewKeyFailed, "new_key_failed"},
	{ErrDeclined, "declined"},
	{ErrRefused, "replace_failed"},
	{ErrPartial, "replace_failed"},
	{ErrStillValid, "still_valid"},
	{ErrRevokeUnknown, "unknown"},
	{ErrRevokeRefused, "revoke_refused"},
	{ErrRevokeFailed, "revoke_failed"},
	{ErrCreateRefused, "create_refused"},
	{ErrCreateFailed, "create_failed"},
	{ErrInterrupted, "interrupted"},
}

// Code is err's JSON code, "" for nil or an error not in the table.
func Code(err error) string {
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return ""
}

// RevocationErr is the error a rotation ends with for r: nil unless a wait
// ended without the old key rejected.
func RevocationErr(r Revocation) error {
	switch r {
	case StillValid:
		return ErrStillValid
	case RevokeUnknown:
		return ErrRevokeUnknown
	}
	return nil
}
