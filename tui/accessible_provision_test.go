package tui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/testkit"
)

func TestRunAccessibleProvision(t *testing.T) {
	const (
		toPlan  = "4\n\n"                 // Welcome's admin-key choice, then the environment's admin key
		keepAll = "\n\n\n\n\n"            // every field as it is
		toMake  = toPlan + keepAll + "\n" // and yes to the plan
	)
	made := []string{"created project myapp (proj_1)", "created service account myapp-testhost-2026-12 (svc_acct_1)"}
	tests := []struct {
		name     string
		setup    func(f *provFakes, o *Options)
		input    string
		secrets  []string
		want     Outcome
		wantOut  []string
		notOut   []string
		runs     int
		admins   []string // fingerprints of the admin keys Plan and Run got
		deleted  []string
		fields   *ProvisionFields // the first plan's fields
		wantSave bool
	}{
		{name: "success", input: toMake + "\n\n", runs: 1, wantSave: true,
			want: Outcome{Saved: true, Fingerprint: newFP, Files: []string{".env", ".gitignore"}},
			wantOut: append([]string{"  4. I have an admin key (make the key for me)", "Step 1 of 5: Your admin key",
				"OPENAI_ADMIN_KEY in this shell's environment: " + apikey.Fingerprint(adminKey), "Project [myapp]: ", "Budget (US dollars a month, e.g. 20) [none]: ",
				"Expires (e.g. 90d) [never]: ", "What will be made:", `  * create the project "myapp"`, "Make these? [Y/n]: ",
				"New key " + newFP + " (service-account key): the API showed it once, and it is not saved yet.",
				"Step 4 of 5: Save it", "+ OPENAI_API_KEY=" + newFP, "Step 5 of 5: Check it against the API.", "[pass] Authentication", "Saved key " + newFP}, made...)},
		{name: "pasted admin key; a project key is refused", input: "4\np\n" + keepAll + "\n\n\n", secrets: []string{goodKey, adminKey2}, runs: 1,
			admins: []string{apikey.Fingerprint(adminKey2), apikey.Fingerprint(adminKey2)}, wantSave: true,
			want:    Outcome{Saved: true, Fingerprint: newFP, Files: []string{".env", ".gitignore"}},
			wantOut: []string{"Refused: This needs an admin key (sk-admin-…), not a project key", "Got an admin key: " + apikey.Fingerprint(adminKey2)}},
		{name: "fields edited, cleared, a key refused", input: toPlan + "other\n-\n" + goodKey + "\n20\n\n\nn\nq\n",
			fields:  &ProvisionFields{Project: "other", Budget: "20"},
			want:    Outcome{Quit: true},
			wantOut: []string{"That looks like a key, not a name: it was not put in the field.", "Project [other]: ", "Nothing was saved"}},
		{name: "read-only admin key: nothing made, back to the plan", setup: func(f *provFakes, _ *Options) { f.readOnly() }, input: toMake + "q\n", runs: 1,
			want:    Outcome{Quit: true},
			wantOut: []string{"Not finished: This admin key is read-only", "Nothing was made. Change the plan or the admin key.", "Quit. Nothing was saved."},
			notOut:  []string{"created project"}},
		{name: "failure after the service account: delete offered and done", setup: func(f *provFakes, _ *Options) { f.failAfterAccount() }, input: toMake + "x\nd\n", runs: 1,
			deleted: []string{"svc_acct_1"},
			want:    Outcome{Quit: true},
			wantOut: append([]string{"Not finished: The Admin API answered 500", "What exists now: the receipts above.", "Projects cannot be deleted, only archived",
				"The service account myapp-testhost-2026-12 holds the key " + newFP + ", saved nowhere.",
				"Type d to delete it (its key stops working), s to save the key anyway, or q to quit: ", "Type one of the letters, or q.",
				"deleted service account myapp-testhost-2026-12 (svc_acct_1)", "The service account myapp-testhost-2026-12 is deleted: its key no longer works.",
				"No key was saved: what exists now is in the receipts above."}, made...),
			notOut: []string{"Quit."}},
		{name: "failure after the service account: saved anyway", setup: func(f *provFakes, _ *Options) { f.failAfterAccount() }, input: toMake + "s\n\n\n", runs: 1, wantSave: true,
			want: Outcome{Saved: true, Fingerprint: newFP, Files: []string{".env", ".gitignore"}}},
		{name: "failure after the service account: quit is unsaved", setup: func(f *provFakes, _ *Options) { f.failAfterAccount() }, input: toMake + "q\n", runs: 1,
			want:    Outcome{Quit: true, QuitUnsaved: true},
			wantOut: []string{"Quit without saving the new key " + newFP}},
		{name: "quit after creation is unsaved, receipts printed", input: toMake + "q\n", runs: 1,
			want:    Outcome{Quit: true, QuitUnsaved: true},
			wantOut: append([]string{"Quit without saving the new key " + newFP + ". The API showed it once: it is lost now, and what was made stays:"}, made...)},
		{name: "end of input after creation is unsaved", input: toMake, runs: 1,
			want:    Outcome{Quit: true, QuitUnsaved: true},
			wantOut: []string{"Quit without saving the new key " + newFP}},
		{name: "back from Save does not make a second key", input: toMake + "back\n\n\n", runs: 1, wantSave: true,
			want:    Outcome{Saved: true, Fingerprint: newFP, Files: []string{".env", ".gitignore"}},
			wantOut: []string{"Step 3 of 5: Your key " + newFP + " is made; it is not made twice."}},
		{name: "a base URL not trusted: refused, back on Welcome", setup: func(_ *provFakes, o *Options) {
			o.Provision.Refusal = "OPENAI_BASE_URL in .env points at evil.example, and an admin key is never sent to a base URL set in a file"
		}, input: "4\nq\n",
			want:    Outcome{Quit: true},
			wantOut: []string{"Refused: OPENAI_BASE_URL in .env points at evil.example", "Nothing was sent. Choose another way on Welcome.", "Where are you starting from?"},
			notOut:  []string{"Press Enter to use it"}},
		{name: "plan refused: nothing made, fields asked again", setup: func(f *provFakes, _ *Options) { f.planErr = errors.New("pass --budget too") }, input: toPlan + keepAll + "q\n",
			want:    Outcome{Quit: true},
			wantOut: []string{"Refused: Pass --budget too.", "Nothing was made. Change a field, or type back to use another admin key."}},
		{name: "numbered by place: with rotate offered it is 5", setup: func(_ *provFakes, o *Options) {
			o.OfferRotate = true
			o.Existing = &Existing{Fingerprint: goodFP, Source: ".env line 3", Key: apikey.New(goodKey)}
		}, input: "5\nq\n",
			want:    Outcome{Quit: true},
			wantOut: []string{"  4. My key leaked", "  5. I have an admin key (make the key for me)", "Choosing 1 to 3 or 5 replaces it", "Step 1 of 5: Your admin key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newProvFakes()
			opts := f.provOptions()
			opts.AutoOpen = false
			if tt.setup != nil {
				tt.setup(f, &opts)
			}
			secrets := tt.secrets
			read := func() (string, error) {
				if len(secrets) == 0 {
					return "", errors.New("no more secrets")
				}
				s := secrets[0]
				secrets = secrets[1:]
				return s, nil
			}
			var out strings.Builder
			got, err := RunAccessible(context.Background(), strings.NewReader(tt.input), &out, read, opts)
			if err != nil {
				t.Fatalf("err = %v\n%s", err, out.String())
			}
			if strings.Join(got.Files, ",") != strings.Join(tt.want.Files, ",") || got.Saved != tt.want.Saved || got.Quit != tt.want.Quit || got.Fingerprint != tt.want.Fingerprint || got.QuitUnsaved != tt.want.QuitUnsaved {
				t.Errorf("outcome = %+v, want %+v\n%s", got, tt.want, out.String())
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			for _, w := range tt.notOut {
				if strings.Contains(out.String(), w) {
					t.Errorf("output holds %q:\n%s", w, out.String())
				}
			}
			if len(f.runs) != tt.runs {
				t.Errorf("runs = %d, want %d", len(f.runs), tt.runs)
			}
			if tt.admins != nil && !slices.Equal(f.admins, tt.admins) {
				t.Errorf("admin keys used = %v, want %v", f.admins, tt.admins)
			}
			if !slices.Equal(f.deleted, tt.deleted) {
				t.Errorf("deleted = %v, want %v", f.deleted, tt.deleted)
			}
			if tt.fields != nil && (len(f.plans) == 0 || f.plans[0] != *tt.fields) {
				t.Errorf("plans = %+v, want first %+v", f.plans, *tt.fields)
			}
			if saved := slices.Equal(f.saved, []string{".env"}); saved != tt.wantSave {
				t.Errorf("saved = %v, want a save %v", f.saved, tt.wantSave)
			}
			if tt.wantSave && !slices.Contains(f.keys, newFP) {
				t.Errorf("the new key was not checked: %v", f.keys)
			}
			testkit.AssertNoLeak(t, out.String(), adminKey, adminKey2, newKey, goodKey)
			if strings.Contains(out.String(), "\x1b[") {
				t.Errorf("output holds escape codes:\n%s", out.String())
			}
		})
	}
}
