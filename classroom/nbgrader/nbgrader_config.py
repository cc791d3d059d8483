# nbgrader settings of the course (classroom/nbgrader/): run nbgrader from this folder, e.g.
#   nbgrader generate_assignment exercises     # source/ -> release/ (the student version)
#   nbgrader autograde exercises               # submitted/<student>/ -> autograded/, gradebook.db
# The notebooks run on the course's Java kernel (kernelspec "java", ./install-kernel.sh).
c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "cnn-lstm"

# Solutions sit between "// BEGIN SOLUTION" and "// END SOLUTION" lines (nbgrader matches the
# words, whatever the comment mark). nbgrader's own Java stub is only "// YOUR CODE HERE", which
# leaves a method that must return a value without a return statement: a compile error instead of
# a question. This stub compiles, and running it says what to do.
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearSolutions.code_stub = {
    "java": '// YOUR CODE HERE\nthrow new UnsupportedOperationException("not answered yet: replace this line by your code");',
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}

# A check cell whose code throws gets 0 points, and autograding goes on with the next cell; the
# timeouts leave room for a loaded server.
c.Execute.timeout = 600
c.Execute.startup_timeout = 180
