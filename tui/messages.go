package tui

// Messages are the wizard's own; commands return them and Update stores
// what they carry. Each async answer carries the id of the run or request it
// belongs to, so a late answer for something the user left is dropped.

// urlOpenedMsg reports the browser opener's answer for url.
type urlOpenedMsg struct {
	url string
	err error
}

// minSpinMsg says run's spinners have been visible long enough.
type minSpinMsg struct{ run int }

// planMsg is the save plan for path, asked as request id.
type planMsg struct {
	id   int
	path string
	plan SavePlan
	err  error
}

// dirCreatedMsg is CreateDir's answer, asked while plan request id was
// shown.
type dirCreatedMsg struct {
	id  int
	err error
}

// savedMsg is the answer of Save.
type savedMsg struct {
	report SaveReport
	err    error
}

// savedCheckMsg is CheckSaved's answer for save number id.
type savedCheckMsg struct {
	id    int
	check SavedCheck
}
