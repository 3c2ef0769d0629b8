package tui

// recheck is the re-read of the saved state after a save (CheckSaved): its
// methods are the only writers of its state.
type recheck struct {
	id       int        // the latest save's; a late answer is dropped
	checking bool       // CheckSaved has not answered yet
	result   SavedCheck // what apps get after the save
}

// start begins a re-check and returns its id.
func (r *recheck) start() int {
	r.id++
	r.checking, r.result = true, SavedCheck{}
	return r.id
}

// answered stores re-check id's result; false when it is stale.
func (r *recheck) answered(id int, res SavedCheck) bool {
	if id != r.id || !r.checking {
		return false
	}
	r.checking, r.result = false, res
	return true
}
