package rotate

import "fmt"

// KeyState is what the API says about a key. Its text form is what rotate
// --json prints: "unknown", "still_valid", "revoked".
type KeyState int

// The key states. KeyUnknown is never read as revoked.
const (
	KeyUnknown KeyState = iota // no clear answer (network, server trouble)
	KeyValid                   // the key still authenticates
	KeyRevoked                 // 401 invalid_api_key: revoked, deleted or disabled after a leak
)

var keyStateText = [...]string{KeyUnknown: "unknown", KeyValid: "still_valid", KeyRevoked: "revoked"}

func (s KeyState) String() string {
	if s < 0 || int(s) >= len(keyStateText) {
		return fmt.Sprintf("KeyState(%d)", int(s))
	}
	return keyStateText[s]
}

// MarshalText writes the JSON name of the state.
func (s KeyState) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Revocation is what is known of the old key's revocation at the end of a
// rotation. Its text form is rotate --json's revocation.outcome.
type Revocation int

// The revocation outcomes.
const (
	NotWaited      Revocation = iota // nobody waited (stopped, --wait 0, no network)
	RevokedNow                       // a wait saw the API reject the old key
	RevokedAlready                   // the API rejected it before the rotation began
	StillValid                       // a wait ran to its end with the old key working
	RevokeUnknown                    // a wait ran to its end with no clear answer
)

var revocationText = [...]string{NotWaited: "not_waited", RevokedNow: "revoked", RevokedAlready: "already_revoked",
	StillValid: "still_valid", RevokeUnknown: "unknown"}

func (r Revocation) String() string {
	if r < 0 || int(r) >= len(revocationText) {
		return fmt.Sprintf("Revocation(%d)", int(r))
	}
	return revocationText[r]
}

// MarshalText writes the JSON name of the outcome.
func (r Revocation) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Revoked reports whether the old key is known to be rejected.
func (r Revocation) Revoked() bool { return r == RevokedNow || r == RevokedAlready }

// Confirmed reports whether the rotation may end successfully: the old key
// is rejected, or nobody waited (the caller said why). A wait that ended
// with the key working, or with no clear answer, is not.
func (r Revocation) Confirmed() bool { return r != StillValid && r != RevokeUnknown }

// Judge is the one rule for what is known of the revocation: before is the
// old key's state when the rotation began, seen the latest answer of a wait
// (KeyUnknown when none), ended whether a wait ran to its end. An answer
// that the key is rejected wins; a network error never counts as one.
func Judge(before, seen KeyState, ended bool) Revocation {
	switch {
	case seen == KeyRevoked:
		return RevokedNow
	case before == KeyRevoked:
		return RevokedAlready
	case ended && seen == KeyValid:
		return StillValid
	case ended:
		return RevokeUnknown
	}
	return NotWaited
}
