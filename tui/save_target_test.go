package tui

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

// TestSaveScreenFolder: Save shows the path's absolute folder, says when it
// is not a git repository, and offers to create a missing one (enter), then
// plans; without CreateDir it only says to create it.
func TestSaveScreenFolder(t *testing.T) {
	tests := []struct {
		name       string
		target     SaveTarget
		canCreate  bool
		createErr  error
		want       []string
		notWant    []string
		afterEnter []string // on screen after one enter
		created    int
		saved      int
	}{
		{name: "in a repository", target: SaveTarget{Dir: "/p/app", InRepo: true},
			want: []string{"Folder: /p/app", "What will change:"}, notWant: []string{"Not a git repository"}, saved: 1},
		{name: "not a repository", target: SaveTarget{Dir: "/tmp/x"},
			want: []string{"Folder: /tmp/x", "Not a git repository", "What will change:"}, saved: 1},
		{name: "missing folder, created", target: SaveTarget{Dir: "/p/new", DirMissing: true}, canCreate: true,
			want: []string{"Folder: /p/new", "does not exist yet. Press enter to create it", "enter create folder"}, notWant: []string{"What will change:"},
			afterEnter: []string{"What will change:", "+ OPENAI_API_KEY="}, created: 1},
		{name: "missing folder, creating fails", target: SaveTarget{Dir: "/p/new", DirMissing: true}, canCreate: true,
			createErr: errors.New("could not create the folder /p/new: choose another folder"),
			want:      []string{"Press enter to create it"}, afterEnter: []string{"✗ Could not create the folder /p/new: choose another folder."}, created: 1},
		{name: "missing folder, no creator", target: SaveTarget{Dir: "/p/new", DirMissing: true},
			want: []string{"That folder does not exist: create it first"}, notWant: []string{"enter create folder"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakes{results: passResults()}
			opts := f.options()
			var mu sync.Mutex
			target, created := tt.target, 0
			opts.CheckPath = func(string) (SaveTarget, error) {
				mu.Lock()
				defer mu.Unlock()
				return target, nil
			}
			if tt.canCreate {
				opts.CreateDir = func(string) error {
					mu.Lock()
					defer mu.Unlock()
					created++
					if tt.createErr == nil {
						target.DirMissing = false
					}
					return tt.createErr
				}
			}
			m := toChecks(t, newTest(t, opts), goodKey)
			m, _ = keys(t, m, "enter")
			s := screen(m)
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("missing %q:\n%s", w, s)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(s, w) {
					t.Errorf("unexpected %q:\n%s", w, s)
				}
			}
			m, _ = keys(t, m, "enter")
			s = screen(m)
			for _, w := range tt.afterEnter {
				if !strings.Contains(s, w) {
					t.Errorf("after enter, missing %q:\n%s", w, s)
				}
			}
			if created != tt.created || len(f.saved) != tt.saved {
				t.Errorf("created %d, saved %d; want %d, %d", created, len(f.saved), tt.created, tt.saved)
			}
		})
	}
}
