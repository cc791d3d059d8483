# nbgrader settings of the course (classroom/nbgrader/), for the teacher's commands and, on the
# class hub (classroom/hub/), for every student's server. The teacher runs nbgrader from this folder
# (TEACHERS.md, "Graded assignment"):
#   nbgrader generate_assignment exercises     # source/ -> release/ (the student version)
#   nbgrader release_assignment exercises      # release/ -> the exchange, for students to fetch
#   nbgrader collect exercises                 # the exchange -> submitted/<student>/
#   nbgrader autograde exercises               # submitted/<student>/ -> autograded/, gradebook.db
#   nbgrader export                            # gradebook.db -> grades.csv
# and a student, in a terminal of their server, in their home folder:
#   nbgrader fetch_assignment exercises        # the exchange -> ~/exercises/
#   nbgrader submit exercises                  # ~/exercises/ -> the exchange
# The notebooks run on the course's Java kernel (kernelspec "java", ./install-kernel.sh).
import os
import warnings

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
HERE = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "cnn-lstm"
# This folder is the course, wherever nbgrader is started (a student's server, the teacher's
# Formgrader, a terminal elsewhere).
c.CourseDirectory.root = HERE

# The exchange: where release_assignment puts the student version, fetch_assignment takes it from,
# submit files submissions and collect takes them. nbgrader's default,
# /usr/local/share/nbgrader/exchange, needs root to create. Here it is a folder of the course, which
# release_assignment creates (readable and writable by everyone) and every student's server on the
# class hub reaches, since they all run as one OS user. CNN_LSTM_EXCHANGE moves it, e.g. to a folder
# that students with OS accounts of their own can write to (a TLJH server: /srv/nbgrader/exchange).
c.Exchange.root = os.environ.get("CNN_LSTM_EXCHANGE") or os.path.join(HERE, "exchange")

# nbgrader export writes the grades here, wherever it runs (a terminal opens in the home folder)
c.CsvExportPlugin.to = os.path.join(HERE, "grades.csv")

# Whose submission is it? nbgrader files it under CourseDirectory.student_id, else under the OS
# user's name (the hub's JUPYTERHUB_USER only when that OS user is "jovyan": nbgrader.utils.get_username).
# On the class hub every student's server runs as the same OS user, so the hub marks students'
# servers (CLASS_ROLE=student, classroom/hub/jupyterhub_config.py) and their submissions are filed
# under the name they logged in with. The teacher's server and shell are not marked: there
# student_id stays "*", all students, as collect and autograde need.
if os.environ.get("CLASS_ROLE") == "student" and os.environ.get("JUPYTERHUB_USER"):
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
# For the same reason every submission's files belong to that one OS user, never to the student
# named in it: collect would warn of a "cheating attempt?" for each.
c.ExchangeCollect.check_owner = False

# nbgrader 0.9.6 with SQLAlchemy 2 warns three times for every submission it autogrades ("Object of
# type <SubmittedAssignment> not in session, add operation along 'Student.submissions' will not
# proceed"): Gradebook.add_submission builds the submission's rows before adding them to the
# session, and adds them right after, so nothing is lost. Only those warnings are silenced.
try:
    from sqlalchemy.exc import SAWarning
except ImportError:
    pass
else:
    warnings.filterwarnings("ignore", message=r"Object of type <Submitted\w+> not in session",
                            category=SAWarning, module=r"nbgrader\.api")

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
