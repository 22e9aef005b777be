// checklists
