"""Writes the real-world-shaped roster sets under tests/store/data/district/ (run once; the
output is committed). Each set has the shape and the defects that district exports were
seen with; the tests assert the exact defects and warnings each one gives.

    python tests/store/data/district/make_sets.py
"""

from __future__ import annotations

import zipfile
from pathlib import Path

HERE = Path(__file__).parent

ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId"
SESS = "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear"
CRS = "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes"
CLS = ("sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
       "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods")
U11 = ("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
       "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password")
U12 = ("sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,"
       "identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,"
       "preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns")
ROLES = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId"
ENR = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate"


def manifest(version: str, files: list[str], system: str) -> str:
    every = ["academicSessions", "categories", "classes", "classResources", "courses", "courseResources",
             "demographics", "enrollments", "lineItems", "orgs", "resources", "results", "users"]
    if version == "1.2":
        every += ["roles", "userProfiles", "scoreScales", "lineItemScoreScales", "resultScoreScales",
                  "lineItemLearningObjectiveIds", "resultLearningObjectiveIds", "userResources"]
    rows = ["propertyName,value", "manifest.version,1.0", f"oneroster.version,{version}"]
    rows += [f"file.{f},{'bulk' if f in files else 'absent'}" for f in sorted(every)]
    rows += [f"source.systemName,{system}", f"source.systemCode,{system.lower().replace(' ', '')}"]
    return "\n".join(rows) + "\n"


def write(name: str, files: dict[str, list[str]], *, bom: bool = False, crlf: bool = False,
          zipped: bool = False) -> None:
    texts = {}
    for fname, lines in files.items():
        text = ("\r\n" if crlf else "\n").join(lines) + ("\r\n" if crlf else "\n")
        texts[fname] = ("\ufeff" if bom else "") + text
    if zipped:
        with zipfile.ZipFile(HERE / f"{name}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            for fname, text in texts.items():
                archive.writestr(f"{name}/{fname}", text.encode("utf-8"))
        return
    folder = HERE / name
    folder.mkdir(exist_ok=True)
    for fname, text in texts.items():
        (folder / fname).write_bytes(text.encode("utf-8"))


# 1. OneRoster 1.1, clean: a single-school export as a small SIS writes it.
write("or11_clean", {
    "manifest.csv": manifest("1.1", ["orgs", "academicSessions", "courses", "classes", "users", "enrollments"],
                             "Harbor SIS").splitlines(),
    "orgs.csv": [ORGS, "hd-1,active,2023-01-05T10:00:00.000Z,Harbor District,district,0611111,",
                 "hs-1,active,2023-01-05T10:00:00.000Z,Harbor Middle,school,061111100001,hd-1"],
    "academicSessions.csv": [SESS, "hy-24,active,,2023-2024,schoolYear,2023-08-14,2024-06-07,,2024",
                             "ht-24-1,active,,Fall 2023,semester,2023-08-14,2023-12-20,hy-24,2024"],
    "courses.csv": [CRS, "hc-eng6,active,,hy-24,English 6,ENG6,06,hs-1,English Language Arts,"],
    "classes.csv": [CLS, "hk-eng6-1,active,,English 6 – Period 1,06,hc-eng6,ENG6-1,scheduled,R12,hs-1,ht-24-1,,,1"],
    "users.csv": [U11,
                  "hu-t1,active,,true,hs-1,teacher,pmoss,,Pat,Moss,,HT1,pmoss@harbor.example,,,,,",
                  "hu-s1,active,,true,hs-1,student,abell,,Ava,Bell,,H1001,,,,,06,",
                  "hu-s2,active,,true,hs-1,student,bcruz,,Ben,Cruz,,H1002,,,,,06,"],
    "enrollments.csv": [ENR, "he-1,active,,hk-eng6-1,hs-1,hu-t1,teacher,true,,",
                        "he-2,active,,hk-eng6-1,hs-1,hu-s1,student,false,,",
                        "he-3,active,,hk-eng6-1,hs-1,hu-s2,student,false,,"],
})

# 2. OneRoster 1.1: a school export whose parent district is not in the file, and a SIS
#    that writes dateLastModified as M/DD/YYYY (TeacherDesk does not use it).
write("or11_school_without_district", {
    "manifest.csv": manifest("1.1", ["orgs", "academicSessions", "courses", "classes", "users", "enrollments"],
                             "Mesa SIS").splitlines(),
    "orgs.csv": [ORGS, "ms-7,active,1/05/2023,Mesa Verde Elementary,school,0622222,md-1"],
    "academicSessions.csv": [SESS, "my-24,active,1/05/2023,2023-2024,schoolYear,2023-08-10,2024-05-31,,2024"],
    "courses.csv": [CRS, "mc-g3,active,1/05/2023,my-24,Grade 3,G3,03,ms-7,,"],
    "classes.csv": [CLS, "mk-3a,active,1/05/2023,Room 3A,03,mc-g3,3A,homeroom,3A,ms-7,my-24,,,"],
    "users.csv": [U11,
                  "mu-t1,active,1/05/2023,true,ms-7,teacher,lrios,,Lucía,Ríos,,MT1,lrios@mesa.example,,,,,",
                  "mu-s1,active,1/05/2023,true,ms-7,student,cdiaz,,Carmen,Díaz,,M2001,,,,mu-p1,03,",
                  "mu-s2,active,1/05/2023,true,ms-7,student,etoro,,Emilio,Toro,,M2002,,,,,03,",
                  "mu-p1,active,1/05/2023,true,ms-7,parent,rdiaz,,Rosa,Díaz,,,rosa@example.com,,,mu-s1,,"],
    "enrollments.csv": [ENR, "me-1,active,1/05/2023,mk-3a,ms-7,mu-t1,teacher,true,,",
                        "me-2,active,1/05/2023,mk-3a,ms-7,mu-s1,student,false,,",
                        "me-3,active,1/05/2023,mk-3a,ms-7,mu-s2,student,false,,"],
})

# 3. OneRoster 1.1: terms whose parent school year is missing, and a class whose course is
#    not in courses.csv.
write("or11_orphans", {
    "manifest.csv": manifest("1.1", ["orgs", "academicSessions", "courses", "classes", "users", "enrollments"],
                             "Pine SIS").splitlines(),
    "orgs.csv": [ORGS, "pd-1,active,,Pine County Schools,district,,", "ps-1,active,,Pine High,school,,pd-1"],
    "academicSessions.csv": [SESS, "pt-1,active,,Semester 1,semester,2024-08-19,2024-12-20,py-2025,2025",
                             "pt-2,active,,Semester 2,semester,2025-01-06,2025-05-30,py-2025,2025"],
    "courses.csv": [CRS, "pc-bio,active,,py-2025,Biology,BIO,09,ps-1,Science,"],
    "classes.csv": [CLS, "pk-bio-1,active,,Biology – P1,09,pc-bio,BIO-1,scheduled,Lab,ps-1,pt-1,,,1",
                    "pk-chem-3,active,,Chemistry – P3,10,pc-chem,CHEM-3,scheduled,Lab,ps-1,pt-2,,,3"],
    "users.csv": [U11,
                  "pu-t1,active,,true,ps-1,teacher,jokoro,,Jide,Okoro,,PT1,jokoro@pine.example,,,,,",
                  "pu-s1,active,,true,ps-1,student,kkim,,Kai,Kim,,P3001,,,,,09,",
                  "pu-s2,active,,true,ps-1,student,llee,,Lia,Lee,,P3002,,,,,10,"],
    "enrollments.csv": [ENR, "pe-1,active,,pk-bio-1,ps-1,pu-t1,teacher,true,,",
                        "pe-2,active,,pk-chem-3,ps-1,pu-t1,teacher,true,,",
                        "pe-3,active,,pk-bio-1,ps-1,pu-s1,student,false,2024-08-19,",
                        "pe-4,active,,pk-chem-3,ps-1,pu-s2,student,false,2025-01-06,"],
})

# 4. OneRoster 1.2: a teacher in users/roles who is enrolled as a student (a student
#    teacher taking a class), and a staff member enrolled only as a student.
write("or12_roles_disagree", {
    "manifest.csv": manifest("1.2", ["orgs", "academicSessions", "courses", "classes", "users", "roles",
                                     "enrollments"], "Cedar SIS").splitlines(),
    "orgs.csv": [ORGS, "cd-1,active,,Cedar USD,district,,", "cs-1,active,,Cedar High,school,,cd-1"],
    "academicSessions.csv": [SESS, "cy-25,active,,2024-2025,schoolYear,2024-08-12,2025-06-06,,2025"],
    "courses.csv": [CRS, "cc-span,active,,cy-25,Spanish I,SPA1,09,cs-1,World Languages,",
                    "cc-math,active,,cy-25,Geometry,GEO,10,cs-1,Mathematics,"],
    "classes.csv": [CLS, "ck-span-2,active,,Spanish I – P2,09,cc-span,SPA1-2,scheduled,C4,cs-1,cy-25,,,2",
                    "ck-geo-5,active,,Geometry – P5,10,cc-math,GEO-5,scheduled,C9,cs-1,cy-25,,,5"],
    "users.csv": [U12,
                  "cu-t1,active,,true,mvega,,Marta,Vega,,CT1,mvega@cedar.example,,,,,,,,,,,cs-1,",
                  "cu-t2,active,,true,bholt,,Brian,Holt,,CT2,bholt@cedar.example,,,,,,,,,,,cs-1,",
                  "cu-s1,active,,true,nali,,Nadia,Ali,,C4001,,,,,09,,,,,,,cs-1,",
                  "cu-s2,active,,true,oparks,,Owen,Parks,,C4002,,,,,10,,,,,,,cs-1,"],
    "roles.csv": [ROLES, "cr-1,active,,cu-t1,primary,teacher,,,cs-1,", "cr-2,active,,cu-t2,primary,teacher,,,cs-1,",
                  "cr-3,active,,cu-s1,primary,student,,,cs-1,", "cr-4,active,,cu-s2,primary,student,,,cs-1,"],
    "enrollments.csv": [ENR, "ce-1,active,,ck-span-2,cs-1,cu-t1,teacher,true,,",
                        "ce-2,active,,ck-geo-5,cs-1,cu-t1,student,false,,",
                        "ce-3,active,,ck-geo-5,cs-1,cu-t2,student,false,,",
                        "ce-4,active,,ck-span-2,cs-1,cu-s1,student,false,,",
                        "ce-5,active,,ck-geo-5,cs-1,cu-s2,student,false,,"],
})

# 5. OneRoster 1.2 in a zip with a BOM and CRLF: a user whose identifier repeats another
#    student's (skipped, with its enrollments counted, not reported again), a role row with
#    a role outside the binding (its user skipped, counted there), a bad enrollment date.
write("or12_knock_on", {
    "manifest.csv": manifest("1.2", ["orgs", "academicSessions", "courses", "classes", "users", "roles",
                                     "enrollments"], "Birch SIS").splitlines(),
    "orgs.csv": [ORGS, "bd-1,active,,Birch District,district,,", "bs-1,active,,Birch Middle,school,,bd-1"],
    "academicSessions.csv": [SESS, "by-25,active,,2024-2025,schoolYear,2024-08-12,2025-06-06,,2025",
                             "bt-1,active,,Term 1,term,2024-08-12,2024-12-20,by-25,2025"],
    "courses.csv": [CRS, "bc-sci,active,,by-25,Science 7,SCI7,07,bs-1,Science,"],
    "classes.csv": [CLS, "bk-sci-1,active,,Science 7 – P1,07,bc-sci,SCI7-1,scheduled,L1,bs-1,bt-1,,,1",
                    "bk-sci-2,active,,Science 7 – P2,07,bc-sci,SCI7-2,scheduled,L1,bs-1,bt-1,,,2"],
    "users.csv": [U12,
                  "bu-t1,active,,true,fnoor,,Farah,Noor,,BT1,fnoor@birch.example,,,,,,,,,,,bs-1,",
                  "bu-s1,active,,true,gsato,,Gen,Sato,,B5001,,,,,07,,,,,,,bs-1,",
                  "bu-s2,active,,true,hmoe,,Hana,Moe,,B5001,,,,,07,,,,,,,bs-1,",
                  "bu-s3,active,,true,iuri,,Ivo,Uri,,B5003,,,,,07,,,,,,,bs-1,",
                  "bu-s4,active,,true,jali,,Jo,Ali,,B5004,,,,,07,,,,,,,bs-1,"],
    "roles.csv": [ROLES, "br-1,active,,bu-t1,primary,teacher,2024-08-12,,bs-1,",
                  "br-2,active,,bu-s1,primary,student,8/12/2024,,bs-1,",
                  "br-3,active,,bu-s2,primary,student,,,bs-1,",
                  "br-4,active,,bu-s3,primary,learner,,,bs-1,",
                  "br-5,active,,bu-s4,primary,student,,,bs-1,"],
    "enrollments.csv": [ENR, "be-1,active,,bk-sci-1,bs-1,bu-t1,teacher,true,,",
                        "be-2,active,,bk-sci-2,bs-1,bu-t1,teacher,true,,",
                        "be-3,active,,bk-sci-1,bs-1,bu-s1,student,false,2024-08-12,",
                        "be-4,active,,bk-sci-1,bs-1,bu-s2,student,false,,",
                        "be-5,active,,bk-sci-2,bs-1,bu-s2,student,false,,",
                        "be-6,active,,bk-sci-1,bs-1,bu-s3,student,false,,",
                        "be-7,active,,bk-sci-2,bs-1,bu-s3,student,false,,",
                        "be-8,active,,bk-sci-2,bs-1,bu-s4,student,false,13/01/2025,"],
}, bom=True, crlf=True, zipped=True)

# 6. OneRoster 1.2 delta-shaped export with every defect of the issue at once: a school
#    without its district, a term without its year, a class without its course, a teacher
#    enrolled as a student, dates as M/DD/YYYY in dateLastModified, and an enrollment of a
#    class that is not in the file.
write("or12_everything", {
    "manifest.csv": manifest("1.2", ["orgs", "academicSessions", "courses", "classes", "users", "roles",
                                     "enrollments"], "Oak SIS").splitlines(),
    "orgs.csv": [ORGS, "os-1,active,1/05/2023,Oak Elementary,school,,od-9"],
    "academicSessions.csv": [SESS, "ot-1,active,1/05/2023,Trimester 1,term,2023-08-21,2023-11-17,oy-2024,2024"],
    "courses.csv": [CRS, "oc-art,active,1/05/2023,oy-2024,Art 4,ART4,04,os-1,Arts,"],
    "classes.csv": [CLS, "ok-art-4,active,1/05/2023,Art 4,04,oc-art,ART4,scheduled,Studio,os-1,ot-1,,,",
                    "ok-mus-4,active,1/05/2023,Music 4,04,oc-music,MUS4,scheduled,Hall,os-1,ot-1,,,"],
    "users.csv": [U12,
                  "ou-t1,active,1/05/2023,true,qpham,,Quyen,Pham,,OT1,qpham@oak.example,,,,,,,,,,,os-1,",
                  "ou-t2,active,1/05/2023,true,rstone,,Ray,Stone,,OT2,rstone@oak.example,,,,,,,,,,,os-1,",
                  "ou-s1,active,1/05/2023,true,sfox,,Sam,Fox,,O6001,,,,,04,,,,,,,os-1,",
                  "ou-s2,active,1/05/2023,true,tgray,,Tia,Gray,,O6002,,,,,04,,,,,,,os-1,"],
    "roles.csv": [ROLES, "or-1,active,1/05/2023,ou-t1,primary,teacher,,,os-1,",
                  "or-2,active,1/05/2023,ou-t2,primary,teacher,,,os-1,",
                  "or-3,active,1/05/2023,ou-s1,primary,student,,,os-1,",
                  "or-4,active,1/05/2023,ou-s2,primary,student,,,os-1,"],
    "enrollments.csv": [ENR, "oe-1,active,1/05/2023,ok-art-4,os-1,ou-t1,teacher,true,,",
                        "oe-2,active,1/05/2023,ok-mus-4,os-1,ou-t2,student,false,,",
                        "oe-3,active,1/05/2023,ok-art-4,os-1,ou-s1,student,false,,",
                        "oe-4,active,1/05/2023,ok-mus-4,os-1,ou-s2,student,false,,",
                        "oe-5,active,1/05/2023,ok-drama-4,os-1,ou-s1,student,false,,",
                        "oe-6,active,1/05/2023,ok-drama-4,os-1,ou-s2,student,false,,"],
})

# Clever CSV, as a district uploads it: column names from Clever's published schema.
write("clever", {
    "schools.csv": ["School_id,School_name,School_number,State_id,Low_grade,High_grade,Principal,Principal_email,"
                    "School_address,School_city,School_state,School_zip,School_phone",
                    "cs-100,Willow Elementary,100,061234500100,K,5,Dana Cho,dcho@willow.example,1 Elm St,Fresno,CA,"
                    "93701,555-0100"],
    "teachers.csv": ["School_id,Teacher_id,Teacher_number,State_teacher_id,Teacher_email,First_name,Middle_name,"
                     "Last_name,Title,Username,Password",
                     "cs-100,ct-1,T-11,,aflores@willow.example,Ana,,Flores,Ms.,aflores,",
                     "cs-100,ct-2,T-12,,bgreen@willow.example,Bo,,Green,Mr.,bgreen,"],
    "students.csv": ["School_id,Student_id,Student_number,State_id,Last_name,Middle_name,First_name,Grade,Gender,"
                     "Graduation_year,DOB,Race,Hispanic_Latino,Home_language,Ell_status,Frl_status,IEP_status,"
                     "Student_street,Student_city,Student_state,Student_zip,Student_email,Contact_relationship,"
                     "Contact_type,Contact_name,Contact_phone,Contact_phone_type,Contact_email,Contact_sis_id,"
                     "Username,Password",
                     "cs-100,cst-1,2001,,Hernández,,Diego,3,M,2035,04/09/2016,,Y,Spanish,Y,,,,,,,,Mother,primary,"
                     "Luisa Hernández,555-0111,cell,luisa.h@example.com,cc-1,dhernandez,",
                     "cs-100,cst-2,2002,,Park,Min,Joon,3,M,2035,2016-11-30,,N,Korean,N,,,,,,,,Father,primary,"
                     "\"Park, Sung\",555-0112,cell,,cc-2,jpark,",
                     "cs-100,cst-3,2003,,Osei,,Ama,4,F,2034,13/02/2015,,N,English,N,,,,,,,,Guardian,emergency,"
                     "Kofi Osei,555-0113,home,kofi@example.com,cc-3,aosei,",
                     "cs-100,cst-4,2001,,Duplicate,,Dee,4,F,2034,,,N,,N,,,,,,,,,,,,,,,ddup,"],
    "sections.csv": ["School_id,Section_id,Teacher_id,Teacher_2_id,Name,Section_number,Grade,Course_name,"
                     "Course_number,Course_description,Period,Subject,Term_name,Term_start,Term_end",
                     "cs-100,csec-1,ct-1,ct-2,Grade 3 Homeroom,3-H,3,Homeroom 3,HR3,,1,homeroom/advisory,"
                     "2024-25,08/14/2024,06/05/2025",
                     "cs-100,csec-2,ct-9,,Math 4,4-M,4,Math 4,M4,,2,math,2024-25,08/14/2024,06/05/2025"],
    "enrollments.csv": ["School_id,Section_id,Student_id",
                        "cs-100,csec-1,cst-1", "cs-100,csec-1,cst-2", "cs-100,csec-2,cst-3",
                        "cs-100,csec-2,cst-4", "cs-100,csec-9,cst-3"],
})

# School Data Sync v1 ("SDS format"): headers from Microsoft's published samples. Like
# the public sample, StudentEnrollment.csv names a section and students that are not there.
write("sds_v1", {
    "School.csv": ["SIS ID,Name,School Number,School NCES_ID,State ID,Grade Low,Grade High,Principal SIS ID,"
                   "Principal Name,Principal Secondary Email,Address,City,State,Country,Zip,Phone,Zone",
                   "10001,Contoso High School,10001,1,WA,9,12,,Amy Roebuck,,2 Main St,Redmond,WA,US,98052,,1"],
    "Section.csv": ["SIS ID,School SIS ID,Section Name,Section Number,Term SIS ID,Term Name,Term StartDate,"
                    "Term EndDate,Course SIS ID,Course Name,Course Number,Course Description,Course Subject,"
                    "Periods,Status",
                    "11001,10001,Math - Algebra 1,11001,12000,SY2425,9/3/2024,6/13/2025,11001200,Math 202,200,"
                    "Algebra Level 1,Math,1,Active",
                    "11002,10001,English - Language 1,11002,12000,SY2425,9/3/2024,6/13/2025,11002201,English 201,"
                    "201,English Level 1,English,3,Active"],
    "Student.csv": ["SIS ID,School SIS ID,First Name,Last Name,Username,Password,State ID,Secondary Email,"
                    "Student Number,Middle Name,Grade,Status,Gender,Birthdate,ELL Status,FederalRace,Graduation Year",
                    "13001,10001,Ora,Klein,OKlein,,WA,,13001,Christopher,9,Active,M,4/2/2010,,,2028",
                    "13002,10001,Beulah,McMillan,BMcMillan,,WA,,13002,Lynn,10,Active,F,11/12/2009,,,2027",
                    "13003,10001,Florence,Stark,FStark,,WA,,13003,,12,Active,F,12/19/2007,,,2025"],
    "Teacher.csv": ["SIS ID,School SIS ID,First Name,Last Name,Username,Password,State ID,Teacher Number,Status,"
                    "Middle Name,Secondary Email,Title,Qualification",
                    "14001,10001,Craig,Beane,CBeane,,WA,101,Active,James,,,",
                    "14002,10001,Daisy,Todd,DTodd,,WA,102,Active,Francis,,,"],
    "StudentEnrollment.csv": ["Section SIS ID,SIS ID", "11001,13001", "11001,13002", "11002,13003",
                              "11002,13087", "11022,13001", "11022,13002"],
    "TeacherRoster.csv": ["Section SIS ID,SIS ID", "11001,14001", "11002,14002"],
    "User.csv": ["Email,First Name,Last Name,Phone,SIS ID", "pklein@example.com,Paula,Klein,555-0201,",
                 "mstark@example.com,Mark,Stark,,"],
    "GuardianRelationship.csv": ["SIS ID,Email,Role", "13001,pklein@example.com,Parent",
                                 "13003,mstark@example.com,Guardian"],
})

# School Data Sync v2.1: headers from Microsoft's published v2.1 samples, dates as M/D/YYYY.
write("sds_v21", {
    "orgs.csv": ["sourcedId,name,type,parentSourcedId", "110004,Fabrikam District,district,",
                 "110003,Fabrikam Middle School,school,110004"],
    "academicSessions.csv": ["sourcedId,title,type,schoolYear,startDate,endDate",
                             "SY2425,2024-2025 School Year,schoolYear,2025,8/26/2024,6/13/2025"],
    "users.csv": ["sourcedId,username,givenName,familyName,password,activeDirectoryMatchId,email,phone,sms",
                  "114001,jcraig@fabrikam.example,Jack,Craig,,,,,",
                  "114002,jean.craig@example.com,Jean,Craig,,,jean.craig@example.com,5550301,",
                  "114003,fhutch@fabrikam.example,Fred,Hutch,,,,,",
                  "114007,kfein@fabrikam.example,Kristen,Fein,,,kfein@fabrikam.example,,",
                  "114009,nobody@fabrikam.example,No,Role,,,,,"],
    "roles.csv": ["userSourcedId,orgSourcedId,role,sessionSourcedId,grade,isPrimary,roleStartDate,roleEndDate",
                  "114001,110003,student,SY2425,7,TRUE,8/26/2024,6/13/2025",
                  "114003,110003,student,SY2425,7,TRUE,8/26/2024,6/13/2025",
                  "114007,110003,teacher,SY2425,,TRUE,8/26/2024,6/13/2025"],
    "courses.csv": ["sourcedId,orgSourcedId,title,code,schoolYearSourcedId,subject,grade",
                    "B7,110003,Life Science 7,LS7,SY2425,Science,7"],
    "classes.csv": ["sourcedId,orgSourcedId,title,sessionSourcedIds,courseSourcedId",
                    "112002,110003,Life Science 7 - P3,SY2425,B7",
                    "112003,110003,Study Hall,SY2425,SH"],
    "enrollments.csv": ["classSourcedId,userSourcedId,role", "112002,114001,student", "112002,114003,student",
                        "112002,114007,teacher", "112003,114001,student", "112002,114099,student"],
    "relationships.csv": ["userSourcedId,relationshipUserSourcedId,relationshipRole", "114001,114002,guardian"],
})
