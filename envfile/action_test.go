package envfile

import (
	"encoding/json"
	"testing"
)

// Text and JSON use the same four words; anything else is refused both ways.
func TestActionText(t *testing.T) {
	for _, c := range []struct {
		a    Action
		word string
	}{{Added, "added"}, {Replaced, "replaced"}, {RemovedDuplicate, "removed"}, {Unchanged, "unchanged"}} {
		b, err := json.Marshal(struct{ A Action }{c.a})
		if err != nil || string(b) != `{"A":"`+c.word+`"}` || c.a.String() != c.word {
			t.Errorf("%v: json %s, %v; String %q", c.a, b, err, c.a.String())
		}
		var back struct{ A Action }
		if err := json.Unmarshal(b, &back); err != nil || back.A != c.a {
			t.Errorf("%s: read back %v, %v", b, back.A, err)
		}
	}
	if _, err := json.Marshal(Action("removed duplicate")); err == nil {
		t.Error("an unknown action marshalled")
	}
	var a Action
	if err := json.Unmarshal([]byte(`"deleted"`), &a); err == nil {
		t.Error("an unknown word unmarshalled")
	}
}
