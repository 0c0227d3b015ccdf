<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Classes &amp; Students</source>
        <translation>Clases y estudiantes</translation>
    </message>
    <message>
        <source>Grading</source>
        <translation>Calificar</translation>
    </message>
    <message>
        <source>Gradebook</source>
        <translation>Libro de calificaciones</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>Timetable</source>
        <translation>Horario</translation>
    </message>
    <message>
        <source>Conferences</source>
        <translation>Conferencias</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendario</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
</context>
<context>
    <name>AnalysisTab</name>
    <message>
        <source>Q</source>
        <translation>P</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Difficulty p</source>
        <translation>Dificultad p</translation>
    </message>
    <message>
        <source>Point-biserial</source>
        <translation>Punto-biserial</translation>
    </message>
    <message>
        <source>Upper–lower D</source>
        <translation>D sup.–inf.</translation>
    </message>
    <message>
        <source>Answers chosen</source>
        <translation>Respuestas elegidas</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>en blanco</translation>
    </message>
    <message>
        <source>to review</source>
        <translation>por revisar</translation>
    </message>
    <message>
        <source>Check the key: top scorers chose {0}</source>
        <translation>Revise la clave: los mejores puntajes eligieron {0}</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>difícil</translation>
    </message>
    <message>
        <source>does not discriminate</source>
        <translation>no discrimina</translation>
    </message>
    <message>
        <source>{0} students · mean {1} · SD {2} · reliability KR-20 {3}</source>
        <translation>{0} estudiantes · media {1} · DE {2} · confiabilidad KR-20 {3}</translation>
    </message>
    <message>
        <source>Possibly mis-keyed (in red): {0}</source>
        <translation>Clave posiblemente errónea (en rojo): {0}</translation>
    </message>
    <message>
        <source>difficulty p</source>
        <translation>dificultad p</translation>
    </message>
    <message>
        <source>discrimination</source>
        <translation>discriminación</translation>
    </message>
    <message>
        <source>Per question</source>
        <translation>Por pregunta</translation>
    </message>
    <message>
        <source>Dashed line: discrimination 0.2 (below it a question says little about who knows the material). Red: the key may be wrong.</source>
        <translation>Línea punteada: discriminación 0.2 (por debajo, una pregunta dice poco sobre quién domina el tema). Rojo: la clave puede estar mal.</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Puntajes</translation>
    </message>
</context>
<context>
    <name>AssignmentDialog</name>
    <message>
        <source>Edit assignment</source>
        <translation>Editar trabajo</translation>
    </message>
    <message>
        <source>New assignment</source>
        <translation>Nuevo trabajo</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Extra credit (adds points, never lowers a grade)</source>
        <translation>Crédito extra (suma puntos, nunca baja una calificación)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Points possible</source>
        <translation>Puntos posibles</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fecha de entrega</translation>
    </message>
    <message>
        <source>Scores come from a scanned bubble-sheet exam.</source>
        <translation>Los puntajes vienen de un examen escaneado en hoja de respuestas.</translation>
    </message>
    <message>
        <source>A title is needed</source>
        <translation>Falta un título</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>Tardy</source>
        <translation>Retardo</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Justificado</translation>
    </message>
    <message>
        <source>No school: %1</source>
        <translation>Sin clases: %1</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>off</source>
        <translation>libre</translation>
    </message>
    <message>
        <source>(term)</source>
        <translation>(periodo)</translation>
    </message>
</context>
<context>
    <name>AttendanceTab</name>
    <message>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <source>Mark all present</source>
        <translation>Marcar a todos presentes</translation>
    </message>
    <message>
        <source>Marks everyone present on the selected day (today if no day is selected); students already marked keep their mark.</source>
        <translation>Marca a todos presentes el día seleccionado (hoy si no hay día seleccionado); quienes ya tienen una marca la conservan.</translation>
    </message>
    <message>
        <source>P present · A absent · T tardy · E excused · Delete clears</source>
        <translation>P presente · A ausente · T retardo · E justificado · Supr borra</translation>
    </message>
    <message>
        <source>No school on %1: attendance is not taken on a holiday or break.</source>
        <translation>Sin clases el %1: no se toma asistencia en un día festivo ni en vacaciones.</translation>
    </message>
    <message>
        <source>Click a day&apos;s column first.</source>
        <translation>Primero haga clic en la columna de un día.</translation>
    </message>
    <message>
        <source>%1: %2 marked present; %3 already had a mark.</source>
        <translation>%1: %2 marcados presentes; %3 ya tenían una marca.</translation>
    </message>
</context>
<context>
    <name>CalendarCategories</name>
    <message>
        <source>Individual student planning</source>
        <translation>Planificación individual del estudiante</translation>
    </message>
    <message>
        <source>Senior meeting</source>
        <translation>Reunión con estudiante de último año</translation>
    </message>
    <message>
        <source>Individual counseling</source>
        <translation>Consejería individual</translation>
    </message>
    <message>
        <source>Small group</source>
        <translation>Grupo pequeño</translation>
    </message>
    <message>
        <source>Classroom lesson</source>
        <translation>Lección en el salón</translation>
    </message>
    <message>
        <source>Responsive services / crisis</source>
        <translation>Servicios de respuesta / crisis</translation>
    </message>
    <message>
        <source>Consultation (families, teachers)</source>
        <translation>Consulta (familias, maestros)</translation>
    </message>
    <message>
        <source>Referral / collaboration</source>
        <translation>Derivación / colaboración</translation>
    </message>
    <message>
        <source>College visit</source>
        <translation>Visita universitaria</translation>
    </message>
    <message>
        <source>Test date (PSAT, SAT/ACT, AP)</source>
        <translation>Fecha de examen (PSAT, SAT/ACT, AP)</translation>
    </message>
    <message>
        <source>Application / aid deadline</source>
        <translation>Fecha límite de solicitud / ayuda financiera</translation>
    </message>
    <message>
        <source>Program management / planning</source>
        <translation>Gestión / planificación del programa</translation>
    </message>
    <message>
        <source>Non-counseling duty</source>
        <translation>Tarea ajena a la consejería</translation>
    </message>
    <message>
        <source>Busy (imported)</source>
        <translation>Ocupado (importado)</translation>
    </message>
    <message>
        <source>Class (timetable)</source>
        <translation>Clase (horario)</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
</context>
<context>
    <name>CalendarImportDialog</name>
    <message>
        <source>Import calendar: {0}</source>
        <translation>Importar calendario: {0}</translation>
    </message>
    <message>
        <source>Tick the events that are days without school: only those become days off, and lessons skip them. Events marked free in the file (such as A/B-day labels) never do.</source>
        <translation>Marque los eventos que son días sin clases: solo esos se vuelven días libres y las clases los saltan. Los eventos marcados como libres en el archivo (como las etiquetas de día A/B) nunca lo hacen.</translation>
    </message>
    <message>
        <source>No school</source>
        <translation>Sin clases</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorías</translation>
    </message>
    <message>
        <source>Shown as</source>
        <translation>Se muestra como</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Marked free in the file: never a day off</source>
        <translation>Marcado como libre en el archivo: nunca es día libre</translation>
    </message>
    <message>
        <source>A timed event: imported as an event, not a day off</source>
        <translation>Evento con hora: se importa como evento, no como día libre</translation>
    </message>
    <message>
        <source>free</source>
        <translation>libre</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>ocupado</translation>
    </message>
    <message>
        <source>{0} events; {1} suggested as days without school; {2} skipped.</source>
        <translation>{0} eventos; {1} sugeridos como días sin clases; {2} omitidos.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>◀ Week</source>
        <translation>◀ Semana</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Week ▶</source>
        <translation>Semana ▶</translation>
    </message>
    <message>
        <source>New event…</source>
        <translation>Nuevo evento…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Skip this date</source>
        <translation>Saltar esta fecha</translation>
    </message>
    <message>
        <source>Cancel one occurrence of a repeating event (the rest stay)</source>
        <translation>Cancela una sola vez un evento que se repite (las demás se mantienen)</translation>
    </message>
    <message>
        <source>Import .ics…</source>
        <translation>Importar .ics…</translation>
    </message>
    <message>
        <source>Export .ics…</source>
        <translation>Exportar .ics…</translation>
    </message>
    <message>
        <source>Calendar of</source>
        <translation>Calendario de</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Double-click an empty time to add an event there.</source>
        <translation>Haga doble clic en una hora libre para agregar un evento ahí.</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Agenda (4 weeks)</source>
        <translation>Agenda (4 semanas)</translation>
    </message>
    <message>
        <source>School calendar (imported)</source>
        <translation>Calendario escolar (importado)</translation>
    </message>
    <message>
        <source>all day</source>
        <translation>todo el día</translation>
    </message>
    <message>
        <source>No school</source>
        <translation>Sin clases</translation>
    </message>
    <message>
        <source>meets</source>
        <translation>cumple</translation>
    </message>
    <message>
        <source>is below</source>
        <translation>está por debajo de</translation>
    </message>
    <message>
        <source>Next 4 weeks: {h:.1f} h scheduled; direct student services {d:.0%}, direct + indirect {b:.0%} — {v} the ASCA recommendation of {t:.0%}.</source>
        <translation>Próximas 4 semanas: {h:.1f} h programadas; servicios directos a estudiantes {d:.0%}, directos + indirectos {b:.0%} — {v} la recomendación de ASCA de {t:.0%}.</translation>
    </message>
    <message>
        <source>No timed events in the next 4 weeks.</source>
        <translation>No hay eventos con hora en las próximas 4 semanas.</translation>
    </message>
    <message>
        <source>Event not saved</source>
        <translation>Evento no guardado</translation>
    </message>
    <message>
        <source>Saved “{0}”.</source>
        <translation>Se guardó “{0}”.</translation>
    </message>
    <message>
        <source>Delete event</source>
        <translation>Eliminar evento</translation>
    </message>
    <message>
        <source>Delete this event (every occurrence)?</source>
        <translation>¿Eliminar este evento (todas sus repeticiones)?</translation>
    </message>
    <message>
        <source>Only repeating events have dates to skip.</source>
        <translation>Solo los eventos que se repiten tienen fechas que saltar.</translation>
    </message>
    <message>
        <source>Save calendar</source>
        <translation>Guardar calendario</translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>Export .ics</source>
        <translation>Exportar .ics</translation>
    </message>
    <message>
        <source>Choose whose calendar to export.</source>
        <translation>Elija de quién es el calendario que desea exportar.</translation>
    </message>
    <message>
        <source>Exported {0} events to {1}; times are in {2}.</source>
        <translation>Se exportaron {0} eventos a {1}; las horas están en {2}.</translation>
    </message>
    <message>
        <source>Import calendar</source>
        <translation>Importar calendario</translation>
    </message>
    <message>
        <source>Import .ics</source>
        <translation>Importar .ics</translation>
    </message>
    <message>
        <source>Imported {0}: {1} days off, {2} busy times, {3} events, {4} updated.</source>
        <translation>Se importó {0}: {1} días libres, {2} horas ocupadas, {3} eventos, {4} actualizados.</translation>
    </message>
</context>
<context>
    <name>CameraTab</name>
    <message>
        <source>Camera number (0 = the laptop&apos;s camera), a video file, or an image sequence like frames/frame_%03d.png</source>
        <translation>Número de cámara (0 = la cámara de la computadora portátil), un archivo de video o una secuencia de imágenes como frames/frame_%03d.png</translation>
    </message>
    <message>
        <source>Start camera</source>
        <translation>Iniciar cámara</translation>
    </message>
    <message>
        <source>Start the camera and hold the answer sheets up one after another.
A sheet is captured when all four corner marks are in view and it is still.</source>
        <translation>Inicie la cámara y muestre las hojas de respuestas una tras otra.
Una hoja se captura cuando se ven las cuatro marcas de las esquinas y está quieta.</translation>
    </message>
    <message>
        <source>Camera or video:</source>
        <translation>Cámara o video:</translation>
    </message>
    <message>
        <source>Choose or create an exam first.</source>
        <translation>Primero elija o cree un examen.</translation>
    </message>
    <message>
        <source>The camera needs TeacherDesk sheets (corner codes); scan this form instead.</source>
        <translation>La cámara necesita hojas de TeacherDesk (códigos en las esquinas); escanee este formulario en su lugar.</translation>
    </message>
    <message>
        <source>Cannot open the camera or file {0}.</source>
        <translation>No se puede abrir la cámara o el archivo {0}.</translation>
    </message>
    <message>
        <source>Stop camera</source>
        <translation>Detener cámara</translation>
    </message>
    <message>
        <source>The video ended.</source>
        <translation>El video terminó.</translation>
    </message>
    <message>
        <source>No picture from the camera.</source>
        <translation>La cámara no envía imagen.</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>no ID</source>
        <translation>sin ID</translation>
    </message>
    <message>
        <source>Captured sheet {0}: {1}</source>
        <translation>Hoja capturada {0}: {1}</translation>
    </message>
    <message>
        <source>Sheets captured: {0}</source>
        <translation>Hojas capturadas: {0}</translation>
    </message>
</context>
<context>
    <name>CategoriesDialog</name>
    <message>
        <source>Categories and grading policy</source>
        <translation>Categorías y criterios de calificación</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Weight %</source>
        <translation>Peso %</translation>
    </message>
    <message>
        <source>Drop lowest</source>
        <translation>Quitar peores</translation>
    </message>
    <message>
        <source>Add category</source>
        <translation>Agregar categoría</translation>
    </message>
    <message>
        <source>Weighted categories</source>
        <translation>Categorías ponderadas</translation>
    </message>
    <message>
        <source>Total points</source>
        <translation>Puntos totales</translation>
    </message>
    <message>
        <source>Missing work counts as zero</source>
        <translation>El trabajo no entregado cuenta como cero</translation>
    </message>
    <message>
        <source>Missing work is left out until turned in</source>
        <translation>El trabajo no entregado no cuenta hasta que se entregue</translation>
    </message>
    <message>
        <source>Letters and the lowest percent for each, e.g. A 90, B 80, C 70, D 60, F 0</source>
        <translation>Letras y el porcentaje mínimo de cada una, p. ej. A 90, B 80, C 70, D 60, F 0</translation>
    </message>
    <message>
        <source>Standards-based marks (1–4) instead of letters</source>
        <translation>Notas por estándares (1–4) en lugar de letras</translation>
    </message>
    <message>
        <source>Grade from</source>
        <translation>Calificar por</translation>
    </message>
    <message>
        <source>Missing work</source>
        <translation>Trabajos no entregados</translation>
    </message>
    <message>
        <source>Late penalty (of points possible)</source>
        <translation>Penalización por entrega tardía (de los puntos posibles)</translation>
    </message>
    <message>
        <source>Grading scale</source>
        <translation>Escala de calificación</translation>
    </message>
    <message>
        <source>Weights add up to %1 %</source>
        <translation>Los pesos suman %1 %</translation>
    </message>
    <message>
        <source>(grades are rescaled to the weights used)</source>
        <translation>(las calificaciones se ajustan a los pesos usados)</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: write a letter and its lowest percent, like &apos;B+ 87&apos;</source>
        <translation>&apos;%1&apos;: escriba una letra y su porcentaje mínimo, como &apos;B+ 87&apos;</translation>
    </message>
    <message>
        <source>the scale needs at least one letter</source>
        <translation>la escala necesita al menos una letra</translation>
    </message>
    <message>
        <source>the lowest letter needs 0 so every grade gets one (e.g. &apos;F 0&apos;)</source>
        <translation>la letra más baja necesita 0 para que toda calificación tenga una (p. ej. &apos;F 0&apos;)</translation>
    </message>
</context>
<context>
    <name>ClassDialog</name>
    <message>
        <source>Edit class</source>
        <translation>Editar clase</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>Agregar clase</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Curso</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Hora de clase</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salón</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Maestro/a</translation>
    </message>
    <message>
        <source>Class not saved</source>
        <translation>Clase no guardada</translation>
    </message>
</context>
<context>
    <name>CommentsTab</name>
    <message>
        <source>A comment for this student&apos;s progress report, printed as written.</source>
        <translation>Un comentario para el informe de progreso de este estudiante; se imprime tal como está escrito.</translation>
    </message>
    <message>
        <source>Save comment</source>
        <translation>Guardar comentario</translation>
    </message>
    <message>
        <source>Insert phrase</source>
        <translation>Insertar frase</translation>
    </message>
    <message>
        <source>Add phrase to bank…</source>
        <translation>Agregar frase al banco…</translation>
    </message>
    <message>
        <source>Comment bank (filled in for this student; double-click to insert)</source>
        <translation>Banco de comentarios (completado para este estudiante; doble clic para insertar)</translation>
    </message>
    <message>
        <source>New phrase</source>
        <translation>Nueva frase</translation>
    </message>
    <message>
        <source>Phrase (use {name}, {they}, {them}, {their}, {is}, {has}):</source>
        <translation>Frase (use {name}, {they}, {them}, {their}, {is}, {has}):</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Aún no guardado</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
</context>
<context>
    <name>ConferencesPage</name>
    <message>
        <source>Add day…</source>
        <translation>Agregar día…</translation>
    </message>
    <message>
        <source>Move day (snow day)…</source>
        <translation>Cambiar día (día de nieve)…</translation>
    </message>
    <message>
        <source>Invite all families</source>
        <translation>Invitar a todas las familias</translation>
    </message>
    <message>
        <source>Schedule…</source>
        <translation>Programar…</translation>
    </message>
    <message>
        <source>Move meeting…</source>
        <translation>Cambiar reunión…</translation>
    </message>
    <message>
        <source>Print PDFs…</source>
        <translation>Imprimir PDF…</translation>
    </message>
    <message>
        <source>Teacher away…</source>
        <translation>Maestro/a ausente…</translation>
    </message>
    <message>
        <source>Family times…</source>
        <translation>Horarios de las familias…</translation>
    </message>
    <message>
        <source>Interpreters…</source>
        <translation>Intérpretes…</translation>
    </message>
    <message>
        <source>Staff languages…</source>
        <translation>Idiomas del personal…</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Maestro/a</translation>
    </message>
    <message>
        <source>Why not placed</source>
        <translation>Por qué no se asignó</translation>
    </message>
    <message>
        <source>Requests left out</source>
        <translation>Solicitudes sin asignar</translation>
    </message>
    <message>
        <source>Add a conference day to begin.</source>
        <translation>Agregue un día de conferencias para empezar.</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salón</translation>
    </message>
    <message>
        <source>not scheduled yet</source>
        <translation>aún sin programar</translation>
    </message>
    <message>
        <source>{0} requests, none scheduled yet: press Schedule… to place them.</source>
        <translation>{0} solicitudes, ninguna programada aún: pulse Programar… para asignarlas.</translation>
    </message>
    <message>
        <source>No requests yet: press Invite all families.</source>
        <translation>Aún no hay solicitudes: pulse Invitar a todas las familias.</translation>
    </message>
    <message>
        <source>{0} requests, {1} booked, {2} not placed. Yellow: moved by hand.</source>
        <translation>{0} solicitudes, {1} reservadas, {2} sin asignar. Amarillo: cambiadas a mano.</translation>
    </message>
    <message>
        <source>Conferences</source>
        <translation>Conferencias</translation>
    </message>
    <message>
        <source>Day not added</source>
        <translation>Día no agregado</translation>
    </message>
    <message>
        <source>Move day</source>
        <translation>Cambiar día</translation>
    </message>
    <message>
        <source>New date (YYYY-MM-DD):</source>
        <translation>Nueva fecha (AAAA-MM-DD):</translation>
    </message>
    <message>
        <source>Moved the day to {0}; every meeting kept its time.</source>
        <translation>El día pasó al {0}; cada reunión conservó su hora.</translation>
    </message>
    <message>
        <source>Invite all</source>
        <translation>Invitar a todos</translation>
    </message>
    <message>
        <source>Added {0} requests from families&apos; classes.</source>
        <translation>Se agregaron {0} solicitudes de las clases de las familias.</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programar</translation>
    </message>
    <message>
        <source>{0} meetings are already booked. Keep them and place only the requests still waiting, or start over?</source>
        <translation>Ya hay {0} reuniones reservadas. ¿Conservarlas y asignar solo las solicitudes pendientes, o empezar de nuevo?</translation>
    </message>
    <message>
        <source>Starting over can move families who already have their times. Meetings moved by hand always stay.</source>
        <translation>Empezar de nuevo puede cambiar a familias que ya tienen su hora. Las reuniones cambiadas a mano siempre se mantienen.</translation>
    </message>
    <message>
        <source>Place the rest</source>
        <translation>Asignar las demás</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Empezar de nuevo</translation>
    </message>
    <message>
        <source>Scheduling conferences</source>
        <translation>Programando conferencias</translation>
    </message>
    <message>
        <source>Move meeting</source>
        <translation>Cambiar reunión</translation>
    </message>
    <message>
        <source>Select a meeting first.</source>
        <translation>Primero seleccione una reunión.</translation>
    </message>
    <message>
        <source>Move this meeting to:</source>
        <translation>Cambiar esta reunión a:</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>This time has conflicts:
• {0}

Move anyway?</source>
        <translation>Esta hora tiene conflictos:
• {0}

¿Cambiarla de todos modos?</translation>
    </message>
    <message>
        <source>Teacher away</source>
        <translation>Maestro/a ausente</translation>
    </message>
    <message>
        <source>Saved; run Schedule again to place meetings around the absence.</source>
        <translation>Guardado; vuelva a usar Programar para acomodar las reuniones alrededor de la ausencia.</translation>
    </message>
    <message>
        <source>Family times</source>
        <translation>Horarios de las familias</translation>
    </message>
    <message>
        <source>Interpreters</source>
        <translation>Intérpretes</translation>
    </message>
    <message>
        <source>Folder for the PDFs</source>
        <translation>Carpeta para los PDF</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>e.g. %1</source>
        <translation>p. ej., %1</translation>
    </message>
    <message>
        <source>Type a date as you write it (3/4, March 4, 2026-03-04, tomorrow) or pick it from the calendar.</source>
        <translation>Escriba la fecha como la escribe usted (4/3, 4 de marzo, 2026-03-04, mañana) o elíjala en el calendario.</translation>
    </message>
    <message>
        <source>Pick from a calendar</source>
        <translation>Elegir en un calendario</translation>
    </message>
</context>
<context>
    <name>DayDialog</name>
    <message>
        <source>Conference day</source>
        <translation>Día de conferencias</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Time window</source>
        <translation>Horario</translation>
    </message>
    <message>
        <source>Meeting length</source>
        <translation>Duración de la reunión</translation>
    </message>
    <message>
        <source>Passing time</source>
        <translation>Tiempo entre reuniones</translation>
    </message>
    <message>
        <source>Break (same start and end: none)</source>
        <translation>Descanso (mismo inicio y fin: ninguno)</translation>
    </message>
    <message>
        <source>Most meetings in a row</source>
        <translation>Máximo de reuniones seguidas</translation>
    </message>
    <message>
        <source>Walking time between rooms</source>
        <translation>Tiempo para caminar entre salones</translation>
    </message>
    <message>
        <source>“%1” is not a time; type it like %2.</source>
        <translation>“%1” no es una hora; escríbala como %2.</translation>
    </message>
    <message>
        <source>Conferences</source>
        <translation>Conferencias</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>e.g. Senior meeting, Lunch group, SAT</source>
        <translation>p. ej. Reunión con estudiante de último año, Grupo del almuerzo, SAT</translation>
    </message>
    <message>
        <source>All day (test dates, deadlines)</source>
        <translation>Todo el día (fechas de examen, fechas límite)</translation>
    </message>
    <message>
        <source>Repeats every week until</source>
        <translation>Se repite cada semana hasta</translation>
    </message>
    <message>
        <source>Skip holidays and days off</source>
        <translation>Saltar días festivos y días libres</translation>
    </message>
    <message>
        <source> min before</source>
        <translation> min antes</translation>
    </message>
    <message>
        <source>No reminder</source>
        <translation>Sin recordatorio</translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation>Buscar estudiantes…</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Repetir</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Recordatorio</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>“{0}” is not a time; type it like {1}.</source>
        <translation>“{0}” no es una hora; escríbala como {1}.</translation>
    </message>
    <message>
        <source>{0} students chosen</source>
        <translation>{0} estudiantes elegidos</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Libro de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV for Excel, in this computer&apos;s language (*.csv)</source>
        <translation>CSV para Excel, en el idioma de esta computadora (*.csv)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 with commas (*.csv)</source>
        <translation>CSV, UTF-8 con comas (*.csv)</translation>
    </message>
    <message>
        <source>Canvas gradebook import (*.csv)</source>
        <translation>Importación al libro de calificaciones de Canvas (*.csv)</translation>
    </message>
    <message>
        <source>Google Classroom grade import (*.csv)</source>
        <translation>Importación de calificaciones a Google Classroom (*.csv)</translation>
    </message>
    <message>
        <source>OneRoster 1.2 CSV set (a folder) (*)</source>
        <translation>Conjunto CSV OneRoster 1.2 (una carpeta) (*)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export .ics</source>
        <translation>Exportar .ics</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Maestro/a</translation>
    </message>
    <message>
        <source>Counselor (own calendar)</source>
        <translation>Consejero/a (calendario propio)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salón</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Times are written in {0}, the school&apos;s time zone (change it in Settings).</source>
        <translation>Las horas se escriben en {0}, la zona horaria de la escuela (cámbiela en Configuración).</translation>
    </message>
    <message>
        <source>Show students&apos; full names</source>
        <translation>Mostrar los nombres completos de los estudiantes</translation>
    </message>
    <message>
        <source>Calendar of</source>
        <translation>Calendario de</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>No {0} in this workspace yet</source>
        <translation>Aún no hay {0} en esta área de trabajo</translation>
    </message>
    <message>
        <source>Add one first (Conferences ▸ Staff languages…, or &apos;teacherdesk staff add --role counselor&apos;).</source>
        <translation>Agregue uno primero (Conferencias ▸ Idiomas del personal…, o &apos;teacherdesk staff add --role counselor&apos;).</translation>
    </message>
    <message>
        <source>Full names will be in the file. Share it only with people allowed to see these students&apos; records.</source>
        <translation>El archivo tendrá los nombres completos. Compártalo solo con personas autorizadas a ver los expedientes de estos estudiantes.</translation>
    </message>
    <message>
        <source>Your own calendar shows full names; student meetings are marked private.</source>
        <translation>Su propio calendario muestra los nombres completos; las reuniones con estudiantes se marcan como privadas.</translation>
    </message>
    <message>
        <source>Students appear as initials only and every event is marked private.</source>
        <translation>Los estudiantes aparecen solo con sus iniciales y cada evento se marca como privado.</translation>
    </message>
</context>
<context>
    <name>GradeTable</name>
    <message>
        <source>Edit note…</source>
        <translation>Editar nota…</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>Agregar nota…</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>No entregado</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Tarde</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Justificado</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Incompleto</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Undo last edit</source>
        <translation>Deshacer el último cambio</translation>
    </message>
    <message>
        <source>Scores pasted: %1.</source>
        <translation>Puntajes pegados: %1.</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Omitidos: %1</translation>
    </message>
</context>
<context>
    <name>GradebookModel</name>
    <message>
        <source>No category</source>
        <translation>Sin categoría</translation>
    </message>
    <message>
        <source>%1: %2 (not counted in the grade)</source>
        <translation>%1: %2 (no cuenta en la calificación)</translation>
    </message>
    <message>
        <source>Class average</source>
        <translation>Promedio de la clase</translation>
    </message>
    <message>
        <source>%1 (left)</source>
        <translation>%1 (se fue)</translation>
    </message>
    <message>
        <source>Left this class. Their grades are kept and shown for reference; they cannot be changed here.</source>
        <translation>Ya no está en esta clase. Sus calificaciones se conservan y se muestran como referencia; aquí no se pueden cambiar.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>no entregado</translation>
    </message>
    <message>
        <source>late</source>
        <translation>tarde</translation>
    </message>
    <message>
        <source>excused</source>
        <translation>justificado</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>incompleto</translation>
    </message>
    <message>
        <source>Not counted in the grade: this work has no category with a weight.</source>
        <translation>No cuenta en la calificación: este trabajo no tiene una categoría con peso.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Calificación</translation>
    </message>
    <message>
        <source>(scan)</source>
        <translation>(escaneo)</translation>
    </message>
    <message>
        <source>pts</source>
        <translation>ptos.</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>no cuenta</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>Categoría: %1</translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation>Entrega: %1</translation>
    </message>
    <message>
        <source>From a scanned bubble-sheet exam</source>
        <translation>De un examen escaneado en hoja de respuestas</translation>
    </message>
    <message>
        <source>Extra credit</source>
        <translation>Crédito extra</translation>
    </message>
    <message>
        <source>Not counted in the grade: give it a category with a weight (Edit assignment…) to count it.</source>
        <translation>No cuenta en la calificación: asígnele una categoría con peso (Editar trabajo…) para que cuente.</translation>
    </message>
    <message>
        <source>%1: the missing flag was removed (the work came in).</source>
        <translation>%1: se quitó la marca de no entregado (el trabajo llegó).</translation>
    </message>
    <message>
        <source>%1: the score is saved and kept %2; press the letter again to remove it.</source>
        <translation>%1: el puntaje se guardó y se mantiene como %2; pulse la letra otra vez para quitarlo.</translation>
    </message>
    <message>
        <source>An excused score does not count in the grade.</source>
        <translation>Un puntaje justificado no cuenta en la calificación.</translation>
    </message>
    <message>
        <source>%1 more rows than students were left out</source>
        <translation>Se omitieron %1 filas de más (hay más filas que estudiantes)</translation>
    </message>
    <message>
        <source>%1 left the class; their grades were not changed</source>
        <translation>%1 ya no está en la clase; sus calificaciones no se cambiaron</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No guardado: %1</translation>
    </message>
</context>
<context>
    <name>GradebookPage</name>
    <message>
        <source>Show students who left</source>
        <translation>Mostrar estudiantes que se fueron</translation>
    </message>
    <message>
        <source>Students no longer in this class, greyed at the end of the list: their grades are kept and can be read, not changed.</source>
        <translation>Estudiantes que ya no están en esta clase, en gris al final de la lista: sus calificaciones se conservan y se pueden leer, no cambiar.</translation>
    </message>
    <message>
        <source>New assignment…</source>
        <translation>Nuevo trabajo…</translation>
    </message>
    <message>
        <source>Edit assignment…</source>
        <translation>Editar trabajo…</translation>
    </message>
    <message>
        <source>Categories &amp;&amp; policy…</source>
        <translation>Categorías y criterios…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>The grades (or, on the Attendance tab, the attendance) as an Excel workbook, CSV, or for Canvas, Google Classroom or OneRoster</source>
        <translation>Las calificaciones (o, en la pestaña Asistencia, la asistencia) como libro de Excel, CSV, o para Canvas, Google Classroom u OneRoster</translation>
    </message>
    <message>
        <source>Type points, Enter ↓ Tab →.  M missing · L late · X excused · I incomplete · Delete clears · Ctrl+Z undoes · right-click for a note · Ctrl+V pastes a column from a spreadsheet.  (scan) = from a scanned exam, ★ = extra credit</source>
        <translation>Escriba los puntos, Enter ↓ Tab →.  M no entregado · L tarde · X justificado · I incompleto · Supr borra · Ctrl+Z deshace · clic derecho para una nota · Ctrl+V pega una columna de una hoja de cálculo.  (escaneo) = de un examen escaneado, ★ = crédito extra</translation>
    </message>
    <message>
        <source>Grades</source>
        <translation>Calificaciones</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comentarios</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>No classes yet</source>
        <translation>Aún no hay clases</translation>
    </message>
    <message>
        <source>The gradebook shows one class at a time. Import your roster or add a class on the Classes &amp; Students page first; its students then appear here.</source>
        <translation>El libro de calificaciones muestra una clase a la vez. Primero importe su lista de clase o agregue una clase en la página Clases y estudiantes; sus estudiantes aparecerán aquí.</translation>
    </message>
    <message>
        <source>Go to Classes &amp;&amp; Students</source>
        <translation>Ir a Clases y estudiantes</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>Todo el año</translation>
    </message>
    <message>
        <source>attendance</source>
        <translation>asistencia</translation>
    </message>
    <message>
        <source>grades</source>
        <translation>calificaciones</translation>
    </message>
    <message>
        <source>Export {0}</source>
        <translation>Exportar {0}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation>Exportado a {0}</translation>
    </message>
    <message>
        <source>Gradebook</source>
        <translation>Libro de calificaciones</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Comment saved</source>
        <translation>Comentario guardado</translation>
    </message>
    <message>
        <source>Comment bank</source>
        <translation>Banco de comentarios</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Deshecho: %1</translation>
    </message>
    <message>
        <source>Undone: %1 scores put back.</source>
        <translation>Deshecho: se restauraron %1 puntajes.</translation>
    </message>
    <message>
        <source>Note on a score</source>
        <translation>Nota sobre un puntaje</translation>
    </message>
    <message>
        <source>%1 · %2 (leave empty to remove the note)</source>
        <translation>%1 · %2 (deje vacío para quitar la nota)</translation>
    </message>
    <message>
        <source>Note saved.</source>
        <translation>Nota guardada.</translation>
    </message>
    <message>
        <source>Note removed.</source>
        <translation>Nota eliminada.</translation>
    </message>
    <message>
        <source>New assignment</source>
        <translation>Nuevo trabajo</translation>
    </message>
    <message>
        <source>Edit assignment</source>
        <translation>Editar trabajo</translation>
    </message>
    <message>
        <source>Click a cell in the assignment&apos;s column first.</source>
        <translation>Primero haga clic en una celda de la columna del trabajo.</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorías</translation>
    </message>
</context>
<context>
    <name>GradingPage</name>
    <message>
        <source>New exam</source>
        <translation>Nuevo examen</translation>
    </message>
    <message>
        <source>Delete exam</source>
        <translation>Eliminar examen</translation>
    </message>
    <message>
        <source>Exam &amp;&amp; key</source>
        <translation>Examen y clave</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Escanear</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <source>Item analysis</source>
        <translation>Análisis de preguntas</translation>
    </message>
    <message>
        <source>Template builder</source>
        <translation>Creador de plantillas</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Clase:</translation>
    </message>
    <message>
        <source>Exam:</source>
        <translation>Examen:</translation>
    </message>
    <message>
        <source>(new exam)</source>
        <translation>(nuevo examen)</translation>
    </message>
    <message>
        <source>Delete “{0}” with its scans and review decisions? Scores already in the gradebook stay.</source>
        <translation>¿Eliminar “{0}” con sus escaneos y decisiones de revisión? Los puntajes que ya están en el libro de calificaciones se mantienen.</translation>
    </message>
    <message>
        <source>{0} to review</source>
        <translation>{0} por revisar</translation>
    </message>
    <message>
        <source>Review ({0})</source>
        <translation>Revisar ({0})</translation>
    </message>
</context>
<context>
    <name>GridModel</name>
    <message>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
</context>
<context>
    <name>InterpreterDialog</name>
    <message>
        <source>Interpreters</source>
        <translation>Intérpretes</translation>
    </message>
    <message>
        <source>Already booked</source>
        <translation>Ya reservado</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguno aún</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
</context>
<context>
    <name>KeyGrid</name>
    <message>
        <source>Key {0}</source>
        <translation>Clave {0}</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>Partial credit</source>
        <translation>Crédito parcial</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>anulada</translation>
    </message>
    <message>
        <source>Question {0}: points must be a number</source>
        <translation>Pregunta {0}: los puntos deben ser un número</translation>
    </message>
    <message>
        <source>Question {0}: partial credit should look like B=0.5</source>
        <translation>Pregunta {0}: el crédito parcial se escribe así: B=0.5</translation>
    </message>
    <message>
        <source>Question {0}: {1} is not a choice</source>
        <translation>Pregunta {0}: {1} no es una opción</translation>
    </message>
</context>
<context>
    <name>LanguageListEdit</name>
    <message>
        <source>Add</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Type or pick a language</source>
        <translation>Escriba o elija un idioma</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>The workspace could not be unlocked.</source>
        <translation>No se pudo desbloquear el área de trabajo.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Workspace {0} — encrypted, stored only on this computer.</source>
        <translation>Área de trabajo {0} — cifrada, guardada solo en esta computadora.</translation>
    </message>
    <message>
        <source>(demo workspace)</source>
        <translation>(área de trabajo de demostración)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{0} could not be opened&lt;/h3&gt;&lt;p&gt;{1}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;No se pudo abrir {0}&lt;/h3&gt;&lt;p&gt;{1}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Open with &amp;recovery key…</source>
        <translation>Abrir con &amp;clave de recuperación…</translation>
    </message>
    <message>
        <source>Make this my real &amp;workspace…</source>
        <translation>Convertir en mi área de &amp;trabajo real…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Hacer copia de seguridad ahora</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restaurar desde copia de seguridad…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About TeacherDesk</source>
        <translation>&amp;Acerca de TeacherDesk</translation>
    </message>
    <message>
        <source>No backup taken</source>
        <translation>No se hizo la copia de seguridad</translation>
    </message>
    <message>
        <source>Backup saved: {0}</source>
        <translation>Copia de seguridad guardada: {0}</translation>
    </message>
    <message>
        <source>This workspace is already open, so this computer has its key.</source>
        <translation>Esta área de trabajo ya está abierta, así que esta computadora tiene su clave.</translation>
    </message>
    <message>
        <source>{0} could not be opened: {1}</source>
        <translation>No se pudo abrir {0}: {1}</translation>
    </message>
    <message>
        <source>Opened {0} with its recovery key; this computer has its key again.</source>
        <translation>Se abrió {0} con su clave de recuperación; esta computadora vuelve a tener su clave.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurar desde copia de seguridad</translation>
    </message>
    <message>
        <source>TeacherDesk backups (*.tdw)</source>
        <translation>Copias de seguridad de TeacherDesk (*.tdw)</translation>
    </message>
    <message>
        <source>Replace everything in this workspace with the backup {0}?

The current state is backed up first, so this can be undone.</source>
        <translation>¿Reemplazar todo el contenido de esta área de trabajo con la copia de seguridad {0}?

Primero se hace una copia del estado actual, así que esto se puede deshacer.</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>No se pudo restaurar</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restaurado</translation>
    </message>
    <message>
        <source>The workspace was restored. The previous state was saved as {0}.</source>
        <translation>Se restauró el área de trabajo. El estado anterior se guardó como {0}.</translation>
    </message>
    <message>
        <source>About TeacherDesk</source>
        <translation>Acerca de TeacherDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TeacherDesk {0}&lt;/h3&gt;&lt;p&gt;Grading, schedules and progress reports for teachers and counselors. Everything stays on this computer, encrypted; TeacherDesk never connects to the network.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TeacherDesk {0}&lt;/h3&gt;&lt;p&gt;Calificaciones, horarios e informes de progreso para maestros y consejeros. Todo se queda en esta computadora, cifrado; TeacherDesk nunca se conecta a la red.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The workspace was not changed</source>
        <translation>El área de trabajo no cambió</translation>
    </message>
    <message>
        <source>{0} is now a real workspace: you can import your roster.</source>
        <translation>{0} ya es un área de trabajo real: puede importar su lista de clases.</translation>
    </message>
</context>
<context>
    <name>MakeRealDialog</name>
    <message>
        <source>Make this my real workspace</source>
        <translation>Convertir en mi área de trabajo real</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{0}&lt;/b&gt; is a demo workspace: its key is kept unprotected beside it, so it does not accept real student records.&lt;/p&gt;&lt;p&gt;Making it real copies everything into a new file locked with a protected key, and gives you a recovery key to write down. After that you can import your real roster.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{0}&lt;/b&gt; es un área de trabajo de demostración: su clave se guarda sin protección a su lado, por eso no acepta registros reales de estudiantes.&lt;/p&gt;&lt;p&gt;Al convertirla en real, todo se copia a un nuevo archivo cerrado con una clave protegida y usted recibe una clave de recuperación para anotar. Después podrá importar su lista de clases real.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Remove the invented students, families, staff and classes (the school, calendar and settings stay)</source>
        <translation>Eliminar los estudiantes, familias, personal y clases inventados (la escuela, el calendario y la configuración se conservan)</translation>
    </message>
    <message>
        <source>This computer has no credential store, so the workspace is locked with a passphrase. Choose one of at least {0} characters.</source>
        <translation>Esta computadora no tiene almacén de credenciales, así que el área de trabajo se cierra con una frase de contraseña. Elija una de al menos {0} caracteres.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Repítala</translation>
    </message>
    <message>
        <source>Make it real</source>
        <translation>Convertir en real</translation>
    </message>
    <message>
        <source>The passphrase needs at least {0} characters.</source>
        <translation>La frase de contraseña necesita al menos {0} caracteres.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move meeting</source>
        <translation>Cambiar reunión</translation>
    </message>
</context>
<context>
    <name>OpenWithRecoveryKeyDialog</name>
    <message>
        <source>Open with recovery key</source>
        <translation>Abrir con clave de recuperación</translation>
    </message>
    <message>
        <source>Choose the workspace file (.tdw) and type the recovery key printed on its recovery sheet. Dashes and spaces do not matter.</source>
        <translation>Elija el archivo del área de trabajo (.tdw) y escriba la clave de recuperación impresa en su hoja de recuperación. Los guiones y espacios no importan.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Área de trabajo</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Abrir área de trabajo</translation>
    </message>
    <message>
        <source>TeacherDesk workspace (*.tdw)</source>
        <translation>Área de trabajo de TeacherDesk (*.tdw)</translation>
    </message>
    <message>
        <source>Choose the workspace file first.</source>
        <translation>Primero elija el archivo del área de trabajo.</translation>
    </message>
    <message>
        <source>Type the recovery key.</source>
        <translation>Escriba la clave de recuperación.</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print answer sheets</source>
        <translation>Imprimir hojas de respuestas</translation>
    </message>
    <message>
        <source>Blank sheets (students bubble their ID)</source>
        <translation>Hojas en blanco (los estudiantes rellenan su ID)</translation>
    </message>
    <message>
        <source>Personalised sheets for the class (name and ID printed)</source>
        <translation>Hojas personalizadas para la clase (con nombre e ID impresos)</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) to print.</source>
        <translation>
            <numerusform>%n página para imprimir.</numerusform>
            <numerusform>%n páginas para imprimir.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save answer sheets</source>
        <translation>Guardar hojas de respuestas</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>Se guardó {0}</translation>
    </message>
    <message>
        <source>the printer could not start</source>
        <translation>la impresora no pudo iniciar</translation>
    </message>
</context>
<context>
    <name>ProgressText</name>
    <message>
        <source>Looking for a first timetable… ({seconds:.0f} s)</source>
        <translation>Buscando un primer horario… ({seconds:.0f} s)</translation>
    </message>
    <message>
        <source>Placing lessons: {placed} of {total} ({seconds:.0f} s)</source>
        <translation>Colocando clases: {placed} de {total} ({seconds:.0f} s)</translation>
    </message>
    <message>
        <source>Best timetable so far: penalty {penalty} ({placed} of {total} lessons placed, after {seconds:.0f} s)</source>
        <translation>Mejor horario hasta ahora: penalización {penalty} ({placed} de {total} lecciones asignadas, tras {seconds:.0f} s)</translation>
    </message>
    <message>
        <source>{done} of {total} pages read</source>
        <translation>{done} de {total} páginas leídas</translation>
    </message>
    <message>
        <source>{done} of {total} reports written</source>
        <translation>{done} de {total} informes escritos</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Your recovery key</source>
        <translation>Su clave de recuperación</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Write down or print this recovery key&lt;/h3&gt;&lt;p&gt;It opens your workspace if this computer loses its stored key or you forget the passphrase. It is shown only now. Keep it locked away like a student record.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Anote o imprima esta clave de recuperación&lt;/h3&gt;&lt;p&gt;Abre su área de trabajo si esta computadora pierde la clave guardada o si olvida la frase de contraseña. Solo se muestra ahora. Guárdela en un lugar seguro, como un expediente estudiantil.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Save as PDF to print…</source>
        <translation>Guardar como PDF para imprimir…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>I have written down or printed the recovery key</source>
        <translation>Ya anoté o imprimí la clave de recuperación</translation>
    </message>
    <message>
        <source>Save recovery key</source>
        <translation>Guardar clave de recuperación</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Each family&apos;s language</source>
        <translation>El idioma de cada familia</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>Fecha de emisión</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Build PDFs</source>
        <translation>Crear PDF</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Print the combined PDF of the last build</source>
        <translation>Imprimir el PDF combinado de la última creación</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Guardar en</translation>
    </message>
    <message>
        <source>Year to date</source>
        <translation>En lo que va del año</translation>
    </message>
    <message>
        <source>All classes (whole school)</source>
        <translation>Toda la escuela</translation>
    </message>
    <message>
        <source>The issue date is not a date: %1</source>
        <translation>La fecha de emisión no es una fecha: %1</translation>
    </message>
    <message>
        <source>Reports: %1</source>
        <translation>Informes: %1</translation>
    </message>
    <message>
        <source>No translation yet for %1: those families get English.</source>
        <translation>Aún no hay traducción para %1: esas familias reciben la versión en inglés.</translation>
    </message>
    <message numerus="yes">
        <source>%n comment-bank phrase(s) left out: no version in the family&apos;s language. Add the translation in the comment bank.</source>
        <translation>
            <numerusform>Se omitió %n frase del banco de comentarios: no tiene versión en el idioma de la familia. Agregue la traducción en el banco de comentarios.</numerusform>
            <numerusform>Se omitieron %n frases del banco de comentarios: no tienen versión en el idioma de la familia. Agregue la traducción en el banco de comentarios.</numerusform>
        </translation>
    </message>
    <message>
        <source>No students in this choice.</source>
        <translation>No hay estudiantes en esta selección.</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <source>Save reports to</source>
        <translation>Guardar informes en</translation>
    </message>
    <message>
        <source>%1 is a file; choose a folder.</source>
        <translation>%1 es un archivo; elija una carpeta.</translation>
    </message>
    <message>
        <source>Building progress reports</source>
        <translation>Creando informes de progreso</translation>
    </message>
    <message>
        <source>Building…</source>
        <translation>Creando…</translation>
    </message>
    <message>
        <source>Cancelled; the PDFs already written stay in the folder, no combined PDF was made.</source>
        <translation>Cancelado; los PDF ya creados se quedan en la carpeta y no se hizo el PDF combinado.</translation>
    </message>
    <message>
        <source>%1 reports saved in %2 (%3 s); for printing: %4</source>
        <translation>%1 informes guardados en %2 (%3 s); para imprimir: %4</translation>
    </message>
    <message>
        <source>Not built: %1</source>
        <translation>No creado: %1</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Printing page %1</source>
        <translation>Imprimiendo la página %1</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>No se pudo imprimir</translation>
    </message>
    <message>
        <source>The reports could not be printed: %1

The PDF is still saved: %2</source>
        <translation>No se pudieron imprimir los informes: %1

El PDF sigue guardado: %2</translation>
    </message>
    <message>
        <source>Sent %1 pages to the printer</source>
        <translation>Se enviaron %1 páginas a la impresora</translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntaje</translation>
    </message>
    <message>
        <source>Percent</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Marcas</translation>
    </message>
    <message>
        <source>Search students…</source>
        <translation>Buscar estudiantes…</translation>
    </message>
    <message>
        <source>Click a student to see the sheet.</source>
        <translation>Haga clic en un estudiante para ver su hoja.</translation>
    </message>
    <message>
        <source>Q</source>
        <translation>P</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leído</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation>Su decisión</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>Página completa</translation>
    </message>
    <message>
        <source>Click a question to zoom on it; the mouse wheel zooms the scan.</source>
        <translation>Haga clic en una pregunta para ampliarla; la rueda del ratón amplía el escaneo.</translation>
    </message>
    <message>
        <source>Re-key a question…</source>
        <translation>Cambiar la clave de una pregunta…</translation>
    </message>
    <message>
        <source>Drop a question…</source>
        <translation>Anular una pregunta…</translation>
    </message>
    <message>
        <source>Put scores in the gradebook</source>
        <translation>Pasar los puntajes al libro de calificaciones</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Change student…</source>
        <translation>Cambiar estudiante…</translation>
    </message>
    <message>
        <source>The selected sheet belongs to someone else (an ID bubbled wrong)</source>
        <translation>La hoja seleccionada es de otra persona (un ID mal rellenado)</translation>
    </message>
    <message>
        <source>Each question (click one to zoom on the scan):</source>
        <translation>Cada pregunta (haga clic en una para ampliarla en el escaneo):</translation>
    </message>
    <message>
        <source>{0} of {1} students graded ({2} complete) · class average {3}.</source>
        <translation>{0} de {1} estudiantes calificados ({2} completos) · promedio de la clase {3}.</translation>
    </message>
    <message>
        <source>right</source>
        <translation>correcta</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>incorrecta</translation>
    </message>
    <message>
        <source>part credit</source>
        <translation>crédito parcial</translation>
    </message>
    <message>
        <source>double mark</source>
        <translation>doble marca</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>en blanco</translation>
    </message>
    <message>
        <source>to review</source>
        <translation>por revisar</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>anulada</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>sin clave</translation>
    </message>
    <message>
        <source>Your decisions on this sheet (purple):</source>
        <translation>Sus decisiones en esta hoja (en morado):</translation>
    </message>
    <message>
        <source>Read as scanned; no decisions on this sheet.</source>
        <translation>Leída tal como se escaneó; no hay decisiones en esta hoja.</translation>
    </message>
    <message>
        <source>Select a student&apos;s row first.</source>
        <translation>Primero seleccione la fila de un estudiante.</translation>
    </message>
    <message>
        <source>Change student</source>
        <translation>Cambiar estudiante</translation>
    </message>
    <message>
        <source>Whose sheet is this? (type to search)</source>
        <translation>¿De quién es esta hoja? (escriba para buscar)</translation>
    </message>
    <message>
        <source>Question number:</source>
        <translation>Número de pregunta:</translation>
    </message>
    <message>
        <source>Re-key a question</source>
        <translation>Cambiar la clave de una pregunta</translation>
    </message>
    <message>
        <source>Correct answer(s) for question {0} (e.g. C, or BD for either):</source>
        <translation>Respuesta(s) correcta(s) de la pregunta {0} (p. ej. C, o BD para cualquiera de las dos):</translation>
    </message>
    <message>
        <source>Drop a question</source>
        <translation>Anular una pregunta</translation>
    </message>
    <message>
        <source>Gradebook</source>
        <translation>Libro de calificaciones</translation>
    </message>
    <message>
        <source>Some questions have no answer in the key. Publish anyway?</source>
        <translation>Algunas preguntas no tienen respuesta en la clave. ¿Publicar de todos modos?</translation>
    </message>
    <message>
        <source>Scores are in the gradebook; later changes follow on their own.</source>
        <translation>Los puntajes están en el libro de calificaciones; los cambios posteriores se pasan solos.</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(sin categoría)</translation>
    </message>
    <message>
        <source>This class has no gradebook categories. Type a name to make this its first category (e.g. Tests), or keep “(no category)”:</source>
        <translation>Esta clase no tiene categorías en el libro de calificaciones. Escriba un nombre para crear su primera categoría (p. ej. Exámenes), o deje “(sin categoría)”:</translation>
    </message>
    <message>
        <source>Gradebook category of “{0}” (it counts in the weighted grade through it):</source>
        <translation>Categoría de “{0}” en el libro de calificaciones (a través de ella cuenta en la calificación ponderada):</translation>
    </message>
    <message>
        <source>Not in the gradebook yet.</source>
        <translation>Aún no está en el libro de calificaciones.</translation>
    </message>
    <message numerus="yes">
        <source>Not in the gradebook yet: %n score(s) waiting — press “Put scores in the gradebook”.</source>
        <translation>
            <numerusform>Aún no está en el libro de calificaciones: %n puntaje en espera — pulse “Pasar los puntajes al libro de calificaciones”.</numerusform>
            <numerusform>Aún no está en el libro de calificaciones: %n puntajes en espera — pulse “Pasar los puntajes al libro de calificaciones”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s) wait for their student (Review).</source>
        <translation>
            <numerusform>%n hoja espera a su estudiante (Revisar).</numerusform>
            <numerusform>%n hojas esperan a su estudiante (Revisar).</numerusform>
        </translation>
    </message>
    <message>
        <source>In the gradebook as {0}: {1} final</source>
        <translation>En el libro de calificaciones como {0}: {1} definitivos</translation>
    </message>
    <message>
        <source>, {0} provisional (marked incomplete until their sheets are reviewed)</source>
        <translation>, {0} provisionales (marcados como incompletos hasta que se revisen sus hojas)</translation>
    </message>
    <message>
        <source>, {0} kept as you edited them</source>
        <translation>, {0} se mantienen como usted los editó</translation>
    </message>
    <message>
        <source>. Later changes follow on their own.</source>
        <translation>. Los cambios posteriores se pasan solos.</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exportar resultados</translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation>Exportado a {0}</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <source>Nothing to review.</source>
        <translation>No hay nada que revisar.</translation>
    </message>
    <message>
        <source>Type a name or ID to find the student…</source>
        <translation>Escriba un nombre o ID para buscar al estudiante…</translation>
    </message>
    <message>
        <source>Accept (Enter)</source>
        <translation>Aceptar (Enter)</translation>
    </message>
    <message>
        <source>Set page aside</source>
        <translation>Apartar la página</translation>
    </message>
    <message>
        <source>{0} to review</source>
        <translation>{0} por revisar</translation>
    </message>
    <message>
        <source>All clear.</source>
        <translation>Todo en orden.</translation>
    </message>
    <message>
        <source>ID {0}</source>
        <translation>ID {0}</translation>
    </message>
    <message>
        <source>No ID</source>
        <translation>Sin ID</translation>
    </message>
    <message>
        <source>Q{0}: {1}</source>
        <translation>P{0}: {1}</translation>
    </message>
    <message>
        <source>Student: {0}</source>
        <translation>Estudiante: {0}</translation>
    </message>
    <message>
        <source>Version: {0}</source>
        <translation>Versión: {0}</translation>
    </message>
    <message>
        <source>Page: {0}</source>
        <translation>Página: {0}</translation>
    </message>
    <message>
        <source>Nothing to review</source>
        <translation>No hay nada que revisar</translation>
    </message>
    <message>
        <source>Unknown student (ID {0})</source>
        <translation>Estudiante desconocido (ID {0})</translation>
    </message>
    <message>
        <source>No student ID</source>
        <translation>Sin ID de estudiante</translation>
    </message>
    <message>
        <source>Keys: {0} choose · Shift+letter adds a mark · 0 blank · ↑ ↓ move · Enter accepts</source>
        <translation>Teclas: {0} eligen · Mayús+letra agrega una marca · 0 en blanco · ↑ ↓ moverse · Enter acepta</translation>
    </message>
    <message>
        <source>Keys: the version letter · ↑ ↓ move · Enter accepts</source>
        <translation>Teclas: la letra de la versión · ↑ ↓ moverse · Enter acepta</translation>
    </message>
    <message>
        <source>Type to search the class, pick the student, Enter accepts. Set the page aside if it is a rescan.</source>
        <translation>Escriba para buscar en la clase, elija al estudiante, Enter acepta. Aparte la página si es un nuevo escaneo.</translation>
    </message>
    <message>
        <source>This page could not be read. Rescan it, then set this one aside.</source>
        <translation>No se pudo leer esta página. Escanéela de nuevo y luego aparte esta.</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>en blanco</translation>
    </message>
    <message>
        <source>Read: {0}    Your choice: {1}</source>
        <translation>Leído: {0}    Su elección: {1}</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <source>Pick a student of this class from the list.</source>
        <translation>Elija de la lista a un estudiante de esta clase.</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>Import roster</source>
        <translation>Importar lista de clases</translation>
    </message>
    <message>
        <source>Student ID</source>
        <translation>ID de estudiante</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Segundo nombre</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Full name (Last, First)</source>
        <translation>Nombre completo (Apellido, Nombre)</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <source>Student email</source>
        <translation>Correo del estudiante</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronombres</translation>
    </message>
    <message>
        <source>Parent/guardian name</source>
        <translation>Nombre del padre, madre o tutor</translation>
    </message>
    <message>
        <source>Parent first name</source>
        <translation>Nombre del padre o madre</translation>
    </message>
    <message>
        <source>Parent last name</source>
        <translation>Apellido del padre o madre</translation>
    </message>
    <message>
        <source>Parent email</source>
        <translation>Correo del padre o madre</translation>
    </message>
    <message>
        <source>Parent phone</source>
        <translation>Teléfono del padre o madre</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>Home language</source>
        <translation>Idioma del hogar</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Curso</translation>
    </message>
    <message>
        <source>Course code</source>
        <translation>Código del curso</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Sección</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Hora de clase</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Maestro/a</translation>
    </message>
    <message>
        <source>Teacher email</source>
        <translation>Correo del maestro/a</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salón</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>Escuelas</translation>
    </message>
    <message>
        <source>School years</source>
        <translation>Años escolares</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Periodos</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>Cursos</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>Parents and guardians</source>
        <translation>Padres y tutores</translation>
    </message>
    <message>
        <source>Student–family links</source>
        <translation>Vínculos estudiante–familia</translation>
    </message>
    <message>
        <source>Enrollments</source>
        <translation>Inscripciones</translation>
    </message>
    <message>
        <source>Class teachers</source>
        <translation>Maestros de las clases</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; Atrás</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>Siguiente &gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Choose what your student information system exported:
• a OneRoster 1.1 or 1.2 CSV set — a folder or a .zip with orgs.csv, users.csv, classes.csv, enrollments.csv…
• or one CSV file with a row per student (or per student and class); you will match its columns in the next step.

Importing again later updates the same students and classes; it never duplicates them.</source>
        <translation>Elija lo que exportó su sistema de información estudiantil:
• un conjunto CSV OneRoster 1.1 o 1.2 — una carpeta o un .zip con orgs.csv, users.csv, classes.csv, enrollments.csv…
• o un archivo CSV con una fila por estudiante (o por estudiante y clase); en el siguiente paso indicará qué contiene cada columna.

Si importa de nuevo más adelante, se actualizan los mismos estudiantes y clases; nunca se duplican.</translation>
    </message>
    <message>
        <source>Folder, .zip or .csv</source>
        <translation>Carpeta, .zip o .csv</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Elegir archivo…</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Elegir carpeta…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Qué pasa</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Keep the ones no longer in the file active</source>
        <translation>Mantener activos a quienes ya no están en el archivo</translation>
    </message>
    <message>
        <source>Check &gt;</source>
        <translation>Revisar &gt;</translation>
    </message>
    <message>
        <source>Import the good part</source>
        <translation>Importar la parte correcta</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Choose a roster file</source>
        <translation>Elija un archivo de lista de clases</translation>
    </message>
    <message>
        <source>Rosters (*.zip *.csv *.txt);;All files (*)</source>
        <translation>Listas de clases (*.zip *.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Choose a OneRoster folder</source>
        <translation>Elija una carpeta OneRoster</translation>
    </message>
    <message>
        <source>A OneRoster CSV set.</source>
        <translation>Un conjunto CSV OneRoster.</translation>
    </message>
    <message>
        <source>A Clever CSV set.</source>
        <translation>Un conjunto CSV de Clever.</translation>
    </message>
    <message>
        <source>A School Data Sync (v1) CSV set.</source>
        <translation>Un conjunto CSV de School Data Sync (v1).</translation>
    </message>
    <message>
        <source>A School Data Sync (v2.1) CSV set.</source>
        <translation>Un conjunto CSV de School Data Sync (v2.1).</translation>
    </message>
    <message>
        <source>A CSV export; next, match its columns.</source>
        <translation>Una exportación CSV; a continuación, indique qué contiene cada columna.</translation>
    </message>
    <message>
        <source>{0}: {1} rows. Check what each column holds; the first rows are shown below. Columns set to “(not imported)” are left out.</source>
        <translation>{0}: {1} filas. Revise qué contiene cada columna; abajo se muestran las primeras filas. Las columnas marcadas “(no se importa)” se omiten.</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(no se importa)</translation>
    </message>
    <message>
        <source>First name and Last name (or Full name)</source>
        <translation>Nombre y Apellido (o Nombre completo)</translation>
    </message>
    <message>
        <source>Still needed: {0}</source>
        <translation>Aún falta: {0}</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Revisando cada fila…</translation>
    </message>
    <message>
        <source>{0} new</source>
        <translation>{0} nuevos</translation>
    </message>
    <message>
        <source>{0} changed</source>
        <translation>{0} cambiados</translation>
    </message>
    <message>
        <source>{0} removed</source>
        <translation>{0} eliminados</translation>
    </message>
    <message>
        <source>{0} unchanged</source>
        <translation>{0} sin cambios</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>Defecto</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>nothing is imported</source>
        <translation>no se importa nada</translation>
    </message>
    <message>
        <source>Some people or class places are no longer in the district&apos;s file (first lines below): they will be marked inactive, with their grades kept, unless you keep them active.</source>
        <translation>Algunas personas o inscripciones en clases ya no están en el archivo del distrito (primeras líneas abajo): se marcarán como inactivas, conservando sus calificaciones, a menos que las mantenga activas.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have problems (listed below with what will happen to each). Import the good part now, or cancel and ask for a corrected export. Import will make these changes:</source>
        <translation>
            <numerusform>%n fila tiene problemas (abajo se indica qué pasará con ella). Importe ahora la parte correcta, o cancele y pida una exportación corregida. La importación hará estos cambios:</numerusform>
            <numerusform>%n filas tienen problemas (abajo se indica qué pasará con cada una). Importe ahora la parte correcta, o cancele y pida una exportación corregida. La importación hará estos cambios:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found; nothing will be imported until they are fixed. Fix them in your SIS export (file and line below) and check again.</source>
        <translation>
            <numerusform>Se encontró %n problema; no se importará nada hasta que se corrija. Corríjalo en la exportación de su sistema de información estudiantil (archivo y línea abajo) y revise de nuevo.</numerusform>
            <numerusform>Se encontraron %n problemas; no se importará nada hasta que se corrijan. Corríjalos en la exportación de su sistema de información estudiantil (archivo y línea abajo) y revise de nuevo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Roster not imported</source>
        <translation>Lista de estudiantes no importada</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>No se importó nada.</translation>
    </message>
    <message numerus="yes">
        <source>The good part of the roster is imported; %n row(s) were not, or only in part.</source>
        <translation>
            <numerusform>Se importó la parte correcta de la lista de clases; %n fila no se importó, o solo en parte.</numerusform>
            <numerusform>Se importó la parte correcta de la lista de clases; %n filas no se importaron, o solo en parte.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>No hay nada que cambiar.</translation>
    </message>
    <message>
        <source>Everything checks out. Import will make these changes:</source>
        <translation>Todo está en orden. La importación hará estos cambios:</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>The roster is imported.</source>
        <translation>La lista de clases está importada.</translation>
    </message>
    <message>
        <source>Not imported as is: {0}</source>
        <translation>No se importó tal cual: {0}</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>Nota: {0}</translation>
    </message>
    <message>
        <source>Roster imported from {0}.</source>
        <translation>Lista de clases importada de {0}.</translation>
    </message>
    <message>
        <source>Nothing was imported:</source>
        <translation>No se importó nada:</translation>
    </message>
    <message>
        <source>Nothing was imported: {0}</source>
        <translation>No se importó nada: {0}</translation>
    </message>
    <message>
        <source>Cancelled; nothing was imported.</source>
        <translation>Cancelado; no se importó nada.</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Hora de clase</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salón</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Maestro/a</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Preferred</source>
        <translation>Preferido</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronombres</translation>
    </message>
    <message>
        <source>Guardians</source>
        <translation>Tutores</translation>
    </message>
    <message>
        <source>Family language</source>
        <translation>Idioma de la familia</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>Search students and classes (name, ID, teacher, room)…</source>
        <translation>Buscar estudiantes y clases (nombre, ID, maestro/a, salón)…</translation>
    </message>
    <message>
        <source>Show all students</source>
        <translation>Mostrar todos los estudiantes</translation>
    </message>
    <message>
        <source>Add class…</source>
        <translation>Agregar clase…</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>Eliminar clase</translation>
    </message>
    <message>
        <source>Add student…</source>
        <translation>Agregar estudiante…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Delete student</source>
        <translation>Eliminar estudiante</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Deshacer eliminación</translation>
    </message>
    <message>
        <source>Import roster…</source>
        <translation>Importar lista de clases…</translation>
    </message>
    <message>
        <source>Start here: bring in your classes</source>
        <translation>Empiece aquí: traiga sus clases</translation>
    </message>
    <message>
        <source>This workspace has no classes or students yet. Import the roster your school&apos;s system exports (OneRoster, Clever, or a CSV file), or add a class and its students by hand. Gradebook, grading and reports fill in from these classes.</source>
        <translation>Esta área de trabajo aún no tiene clases ni estudiantes. Importe la lista de clases que exporta el sistema de su escuela (OneRoster, Clever o un archivo CSV), o agregue una clase y sus estudiantes a mano. El libro de calificaciones, la calificación de exámenes y los informes se llenan a partir de estas clases.</translation>
    </message>
    <message>
        <source>Add a class…</source>
        <translation>Agregar una clase…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Classes&lt;/b&gt; ({0})</source>
        <translation>&lt;b&gt;Clases&lt;/b&gt; ({0})</translation>
    </message>
    <message>
        <source>&lt;b&gt;All students&lt;/b&gt; ({0})</source>
        <translation>&lt;b&gt;Todos los estudiantes&lt;/b&gt; ({0})</translation>
    </message>
    <message>
        <source>&lt;b&gt;Students in {1}&lt;/b&gt; ({0})</source>
        <translation>&lt;b&gt;Estudiantes de {1}&lt;/b&gt; ({0})</translation>
    </message>
    <message>
        <source>Delete {0} ({1}) with all their grades, attendance and enrollments?

You can undo this with Undo delete.</source>
        <translation>¿Eliminar a {0} ({1}) con todas sus calificaciones, asistencia e inscripciones?

Puede deshacerlo con Deshacer eliminación.</translation>
    </message>
    <message>
        <source>Delete the class {0} with its assignments and grades? Students stay in the school.

You can undo this with Undo delete.</source>
        <translation>¿Eliminar la clase {0} con sus trabajos y calificaciones? Los estudiantes siguen en la escuela.

Puede deshacerlo con Deshacer eliminación.</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>No se eliminó</translation>
    </message>
    <message>
        <source>Undo delete of {0}</source>
        <translation>Deshacer la eliminación de {0}</translation>
    </message>
    <message>
        <source>Deleted {0}. Undo is available.</source>
        <translation>Se eliminó {0}. Se puede deshacer.</translation>
    </message>
    <message>
        <source>Restored {0}.</source>
        <translation>Se restauró {0}.</translation>
    </message>
    <message>
        <source>Import roster</source>
        <translation>Importar lista de clases</translation>
    </message>
    <message>
        <source>Roster import is not available in this build.</source>
        <translation>La importación de listas de clases no está disponible en esta versión.</translation>
    </message>
</context>
<context>
    <name>ScanTab</name>
    <message>
        <source>OK</source>
        <translation>Leída</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>Por revisar</translation>
    </message>
    <message>
        <source>Not a sheet</source>
        <translation>No es una hoja</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Ilegible</translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation>Apartada</translation>
    </message>
    <message>
        <source>Drop scans here — image files, PDFs or whole folders — or pick them:</source>
        <translation>Suelte aquí los escaneos — imágenes, PDF o carpetas completas — o elíjalos:</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Agregar archivos…</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>Agregar una carpeta…</translation>
    </message>
    <message>
        <source>Nothing being read.</source>
        <translation>No se está leyendo nada.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntaje</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Scans to grade</source>
        <translation>Escaneos para calificar</translation>
    </message>
    <message>
        <source>Scans (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)</source>
        <translation>Escaneos (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)</translation>
    </message>
    <message>
        <source>Folder of scans</source>
        <translation>Carpeta de escaneos</translation>
    </message>
    <message>
        <source>Choose or create an exam first.</source>
        <translation>Primero elija o cree un examen.</translation>
    </message>
    <message>
        <source>Still reading the previous batch.</source>
        <translation>Todavía se está leyendo el lote anterior.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Not read — these are not scans (images or PDFs): %1.</source>
        <translation>No se leyeron — no son escaneos (imágenes o PDF): %1.</translation>
    </message>
    <message>
        <source>Not found: %1.</source>
        <translation>No se encontró: %1.</translation>
    </message>
    <message numerus="yes">
        <source>The other %n file(s) are being read.</source>
        <translation>
            <numerusform>Se está leyendo el otro archivo.</numerusform>
            <numerusform>Se están leyendo los otros %n archivos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n page(s).</source>
        <translation>
            <numerusform>Cancelado después de %n página.</numerusform>
            <numerusform>Cancelado después de %n páginas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n page(s) read.</source>
        <translation>
            <numerusform>Listo: %n página leída.</numerusform>
            <numerusform>Listo: %n páginas leídas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some files are not scans</source>
        <translation>Algunos archivos no son escaneos</translation>
    </message>
    <message>
        <source>No scans found there.</source>
        <translation>No se encontraron escaneos ahí.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Escanear</translation>
    </message>
    <message>
        <source>unknown ID {0}</source>
        <translation>ID desconocido {0}</translation>
    </message>
    <message>
        <source>no ID</source>
        <translation>sin ID</translation>
    </message>
    <message>
        <source>second sheet for this student</source>
        <translation>segunda hoja de este estudiante</translation>
    </message>
    <message>
        <source>Reading stopped: {0}</source>
        <translation>La lectura se detuvo: {0}</translation>
    </message>
</context>
<context>
    <name>SchoolYearDialog</name>
    <message>
        <source>School year, terms, holidays and bell times</source>
        <translation>Año escolar, periodos, días festivos y horario de timbres</translation>
    </message>
    <message>
        <source>School year</source>
        <translation>Año escolar</translation>
    </message>
    <message>
        <source>e.g. 2026–27</source>
        <translation>p. ej. 2026–27</translation>
    </message>
    <message>
        <source>Save year</source>
        <translation>Guardar año</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Primer día</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <source>Terms (semesters, quarters)</source>
        <translation>Periodos (semestres, trimestres)</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>e.g. Fall</source>
        <translation>p. ej. Otoño</translation>
    </message>
    <message>
        <source>Add term</source>
        <translation>Agregar periodo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Holidays and breaks (no school)</source>
        <translation>Días festivos y vacaciones (sin clases)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>e.g. Thanksgiving break</source>
        <translation>p. ej. Vacaciones de Acción de Gracias</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>Día festivo</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Vacaciones</translation>
    </message>
    <message>
        <source>No school (other)</source>
        <translation>Sin clases (otro)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <source>Bell times</source>
        <translation>Horario de timbres</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Hora de clase</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Empieza</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Termina</translation>
    </message>
    <message>
        <source>Add period</source>
        <translation>Agregar hora</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Save bell times</source>
        <translation>Guardar timbres</translation>
    </message>
    <message>
        <source>These are standard times, not yet your school&apos;s: edit them and save.</source>
        <translation>Estas son horas estándar, aún no las de su escuela: modifíquelas y guárdelas.</translation>
    </message>
    <message>
        <source>Class lessons in the calendar start and end at these times.</source>
        <translation>Las clases del calendario empiezan y terminan a estas horas.</translation>
    </message>
    <message>
        <source>Term not added</source>
        <translation>Periodo no agregado</translation>
    </message>
    <message>
        <source>Delete term</source>
        <translation>Eliminar periodo</translation>
    </message>
    <message>
        <source>Holiday not added</source>
        <translation>Día festivo no agregado</translation>
    </message>
    <message>
        <source>Delete holiday</source>
        <translation>Eliminar día festivo</translation>
    </message>
    <message>
        <source>Row {0}: give the period and its start and end, e.g. 1, 8:00 AM, 8:50 AM.</source>
        <translation>Fila {0}: indique la hora de clase, su inicio y su fin, p. ej. 1, 8:00 AM, 8:50 AM.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <source>Calendar files (.ics) and conference letters use this time zone.</source>
        <translation>Los archivos de calendario (.ics) y las cartas de conferencias usan esta zona horaria.</translation>
    </message>
    <message>
        <source>Save school details</source>
        <translation>Guardar datos de la escuela</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>School year, terms, holidays and bell times…</source>
        <translation>Año escolar, periodos, días festivos y horario de timbres…</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Protección</translation>
    </message>
    <message>
        <source>Add a passphrase…</source>
        <translation>Agregar una frase de contraseña…</translation>
    </message>
    <message>
        <source>Lets you open this workspace on a computer without a password store.</source>
        <translation>Le permite abrir esta área de trabajo en una computadora sin almacén de contraseñas.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>A backup is taken automatically once a day and before every upgrade.</source>
        <translation>Se hace una copia de seguridad automática una vez al día y antes de cada actualización.</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Elegir carpeta…</translation>
    </message>
    <message>
        <source>Back up now writes into this folder, e.g. a USB stick.</source>
        <translation>«Hacer copia ahora» escribe en esta carpeta, p. ej. una memoria USB.</translation>
    </message>
    <message>
        <source>Beside the workspace</source>
        <translation>Junto al área de trabajo</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Hacer copia ahora</translation>
    </message>
    <message>
        <source>Restore selected backup…</source>
        <translation>Restaurar la copia seleccionada…</translation>
    </message>
    <message>
        <source>Recent changes (audit log)</source>
        <translation>Cambios recientes (registro de auditoría)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The app&apos;s language on this computer. A change applies the next time TeacherDesk starts.</source>
        <translation>El idioma de la aplicación en esta computadora. Un cambio se aplica la próxima vez que se inicie TeacherDesk.</translation>
    </message>
    <message>
        <source>Language of the app</source>
        <translation>Idioma de la aplicación</translation>
    </message>
    <message>
        <source>%1 from the next start. Close and reopen TeacherDesk to switch now.</source>
        <translation>%1 a partir del próximo inicio. Cierre y vuelva a abrir TeacherDesk para cambiar ahora.</translation>
    </message>
    <message>
        <source>demo key (invented data only)</source>
        <translation>clave de demostración (solo datos inventados)</translation>
    </message>
    <message>
        <source>this computer&apos;s password store</source>
        <translation>el almacén de contraseñas de esta computadora</translation>
    </message>
    <message>
        <source>a passphrase</source>
        <translation>una frase de contraseña</translation>
    </message>
    <message>
        <source>the recovery key</source>
        <translation>la clave de recuperación</translation>
    </message>
    <message>
        <source>&lt;b&gt;Encrypted&lt;/b&gt; (SQLCipher, 256-bit key). File: {0}&lt;br&gt;Opens with: {1}.</source>
        <translation>&lt;b&gt;Cifrada&lt;/b&gt; (SQLCipher, clave de 256 bits). Archivo: {0}&lt;br&gt;Se abre con: {1}.</translation>
    </message>
    <message>
        <source>Back up now writes beside the workspace: {0}</source>
        <translation>«Hacer copia ahora» escribe junto al área de trabajo: {0}</translation>
    </message>
    <message>
        <source>(not there now — plug in the drive)</source>
        <translation>(no está disponible ahora — conecte la unidad)</translation>
    </message>
    <message>
        <source>Back up now writes to: {0}</source>
        <translation>«Hacer copia ahora» escribe en: {0}</translation>
    </message>
    <message>
        <source>School details not saved</source>
        <translation>Datos de la escuela no guardados</translation>
    </message>
    <message>
        <source>School details saved.</source>
        <translation>Datos de la escuela guardados.</translation>
    </message>
    <message>
        <source>Add a passphrase</source>
        <translation>Agregar una frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase (at least 10 characters):</source>
        <translation>Frase de contraseña (al menos 10 caracteres):</translation>
    </message>
    <message>
        <source>Too short</source>
        <translation>Demasiado corta</translation>
    </message>
    <message>
        <source>Use at least 10 characters.</source>
        <translation>Use al menos 10 caracteres.</translation>
    </message>
    <message>
        <source>Type it again:</source>
        <translation>Escríbala otra vez:</translation>
    </message>
    <message>
        <source>Not the same</source>
        <translation>No coinciden</translation>
    </message>
    <message>
        <source>The two passphrases differ; nothing changed.</source>
        <translation>Las dos frases de contraseña no coinciden; no se cambió nada.</translation>
    </message>
    <message>
        <source>Passphrase not added</source>
        <translation>No se agregó la frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase added.</source>
        <translation>Frase de contraseña agregada.</translation>
    </message>
    <message>
        <source>No backup taken</source>
        <translation>No se hizo la copia de seguridad</translation>
    </message>
    <message>
        <source>Backup saved: {0}</source>
        <translation>Copia de seguridad guardada: {0}</translation>
    </message>
    <message>
        <source>Folder for backups</source>
        <translation>Carpeta para copias de seguridad</translation>
    </message>
    <message>
        <source>Backup folder not changed</source>
        <translation>No se cambió la carpeta de copias de seguridad</translation>
    </message>
    <message>
        <source>Backups go to {0}.</source>
        <translation>Las copias de seguridad van a {0}.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Choose a backup in the list first.</source>
        <translation>Primero elija una copia de seguridad de la lista.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurar desde copia de seguridad</translation>
    </message>
    <message>
        <source>Replace everything in this workspace with the backup of {0}?

The current state is backed up first.</source>
        <translation>¿Reemplazar todo el contenido de esta área de trabajo con la copia de seguridad del {0}?

Primero se hace una copia del estado actual.</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>No se pudo restaurar</translation>
    </message>
</context>
<context>
    <name>SetupTab</name>
    <message>
        <source>e.g. Unit 3 Quiz</source>
        <translation>p. ej. Prueba de la unidad 3</translation>
    </message>
    <message>
        <source>Choices per question: 4 = A–D, 5 = A–E, up to 10 = A–J</source>
        <translation>Opciones por pregunta: 4 = A–D, 5 = A–E, hasta 10 = A–J</translation>
    </message>
    <message>
        <source>One version</source>
        <translation>Una versión</translation>
    </message>
    <message>
        <source>Create exam</source>
        <translation>Crear examen</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Guardar cambios</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>Opciones</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versiones</translation>
    </message>
    <message>
        <source>Student ID digits</source>
        <translation>Dígitos del ID de estudiante</translation>
    </message>
    <message>
        <source>Points per question</source>
        <translation>Puntos por pregunta</translation>
    </message>
    <message>
        <source>Gradebook category</source>
        <translation>Categoría en el libro</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Print sheets…</source>
        <translation>Imprimir hojas…</translation>
    </message>
    <message>
        <source>Exam</source>
        <translation>Examen</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>Guardar clave</translation>
    </message>
    <message>
        <source>Key from CSV…</source>
        <translation>Clave desde CSV…</translation>
    </message>
    <message>
        <source>Key from a scanned key sheet…</source>
        <translation>Clave desde una hoja de clave escaneada…</translation>
    </message>
    <message>
        <source>Type the answers: a letter fills the cell and moves down; Shift+letter adds another correct answer; A+C (F2 to edit) means both must be marked. Partial credit: B=0.5.</source>
        <translation>Escriba las respuestas: una letra llena la celda y baja; Mayús+letra agrega otra respuesta correcta; A+C (F2 para editar) significa que se deben marcar ambas. Crédito parcial: B=0.5.</translation>
    </message>
    <message>
        <source>Answer key</source>
        <translation>Clave de respuestas</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Create another exam</source>
        <translation>Crear otro examen</translation>
    </message>
    <message>
        <source>Create the exam first, then type its key.</source>
        <translation>Primero cree el examen y luego escriba su clave.</translation>
    </message>
    <message>
        <source>No answer yet for question(s) {0}.</source>
        <translation>Aún no hay respuesta para la(s) pregunta(s) {0}.</translation>
    </message>
    <message>
        <source>Key complete.</source>
        <translation>Clave completa.</translation>
    </message>
    <message>
        <source>New exam</source>
        <translation>Nuevo examen</translation>
    </message>
    <message>
        <source>Choose a class first.</source>
        <translation>Primero elija una clase.</translation>
    </message>
    <message>
        <source>Exam created; type its key.</source>
        <translation>Examen creado; escriba su clave.</translation>
    </message>
    <message>
        <source>Key saved; every sheet re-scored.</source>
        <translation>Clave guardada; se volvieron a calificar todas las hojas.</translation>
    </message>
    <message>
        <source>Loaded from {0}; check it, then Save key.</source>
        <translation>Cargada de {0}; revísela y luego pulse Guardar clave.</translation>
    </message>
    <message>
        <source>Key from CSV</source>
        <translation>Clave desde CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Key from a scanned key sheet</source>
        <translation>Clave desde una hoja de clave escaneada</translation>
    </message>
    <message>
        <source>Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation>Escaneos (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <source>No answers could be read from that sheet.</source>
        <translation>No se pudo leer ninguna respuesta de esa hoja.</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Staff and languages</source>
        <translation>Personal e idiomas</translation>
    </message>
</context>
<context>
    <name>StaffEditDialog</name>
    <message>
        <source>Edit staff member</source>
        <translation>Editar miembro del personal</translation>
    </message>
    <message>
        <source>Add staff member</source>
        <translation>Agregar miembro del personal</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Speaks with families
(besides English)</source>
        <translation>Habla con las familias
(además de inglés)</translation>
    </message>
    <message>
        <source>Type the person&apos;s name.</source>
        <translation>Escriba el nombre de la persona.</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Add the people who meet families</source>
        <translation>Agregue a las personas que se reúnen con las familias</translation>
    </message>
    <message>
        <source>No staff yet. Add teachers, counselors, interpreters and office staff with the languages they speak: conferences, counselor calendars and class teachers use this list.</source>
        <translation>Todavía no hay personal. Agregue maestros, consejeros, intérpretes y personal de oficina con los idiomas que hablan: las conferencias, los calendarios de consejería y los maestros de las clases usan esta lista.</translation>
    </message>
    <message>
        <source>Add a staff member…</source>
        <translation>Agregar a un miembro del personal…</translation>
    </message>
    <message>
        <source>Languages are those a person speaks with families besides English; a family is offered a meeting with a teacher who speaks its language, or with an interpreter. Deactivating someone hides them from lists and keeps their history.</source>
        <translation>Los idiomas son los que la persona habla con las familias además del inglés; a cada familia se le ofrece una reunión con un maestro que habla su idioma o con un intérprete. Desactivar a alguien lo oculta de las listas y conserva su historial.</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Show inactive</source>
        <translation>Mostrar inactivos</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Agregar…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Hides them from lists and new work; their classes, meetings and history stay. Reactivate them any time.</source>
        <translation>Lo oculta de las listas y del trabajo nuevo; sus clases, reuniones e historial se conservan. Puede reactivarlo en cualquier momento.</translation>
    </message>
    <message>
        <source>Staff members: %1</source>
        <translation>Miembros del personal: %1</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reactivar</translation>
    </message>
    <message>
        <source>Select a staff member first.</source>
        <translation>Primero seleccione a un miembro del personal.</translation>
    </message>
    <message>
        <source>%1 is inactive; their history stays.</source>
        <translation>%1 quedó inactivo; su historial se conserva.</translation>
    </message>
    <message>
        <source>%1 is active again.</source>
        <translation>%1 está activo de nuevo.</translation>
    </message>
</context>
<context>
    <name>StaffRoles</name>
    <message>
        <source>Teacher</source>
        <translation>Maestro/a</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>Consejero/a</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
    <message>
        <source>Office staff</source>
        <translation>Personal de oficina</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador/a</translation>
    </message>
    <message>
        <source>Aide</source>
        <translation>Asistente</translation>
    </message>
</context>
<context>
    <name>StudentDialog</name>
    <message>
        <source>Edit student</source>
        <translation>Editar estudiante</translation>
    </message>
    <message>
        <source>Add student</source>
        <translation>Agregar estudiante</translation>
    </message>
    <message>
        <source>Student ID</source>
        <translation>ID de estudiante</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronombres</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <source>&lt;b&gt;Guardian&lt;/b&gt;</source>
        <translation>&lt;b&gt;Tutor&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Language for letters and reports</source>
        <translation>Idioma de cartas e informes</translation>
    </message>
    <message>
        <source>Student not saved</source>
        <translation>Estudiante no guardado</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>TemplateTab</name>
    <message>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <source>Student ID digits</source>
        <translation>Dígitos del ID de estudiante</translation>
    </message>
    <message>
        <source>Letter grid (names)</source>
        <translation>Cuadrícula de letras (nombres)</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Automatic (marks, timing track, else features)</source>
        <translation>Automática (marcas, pista o rasgos)</translation>
    </message>
    <message>
        <source>Corner marks</source>
        <translation>Marcas en las esquinas</translation>
    </message>
    <message>
        <source>Timing track</source>
        <translation>Pista de sincronización</translation>
    </message>
    <message>
        <source>Printed features</source>
        <translation>Rasgos impresos</translation>
    </message>
    <message>
        <source>Page edges (photos on a dark desk only)</source>
        <translation>Bordes de la página (solo fotos sobre un escritorio oscuro)</translation>
    </message>
    <message>
        <source>Load a scan of the blank form, then drag a rectangle over a block of bubbles.</source>
        <translation>Cargue un escaneo del formulario en blanco y luego arrastre un rectángulo sobre un bloque de burbujas.</translation>
    </message>
    <message>
        <source>Load blank form…</source>
        <translation>Cargar formulario en blanco…</translation>
    </message>
    <message>
        <source>Find bubbles and marks automatically</source>
        <translation>Encontrar burbujas y marcas automáticamente</translation>
    </message>
    <message>
        <source>Name selected grid</source>
        <translation>Nombrar cuadrícula</translation>
    </message>
    <message>
        <source>Renumber selected block</source>
        <translation>Renumerar bloque</translation>
    </message>
    <message>
        <source>Snap grid and add block</source>
        <translation>Ajustar la cuadrícula y agregar el bloque</translation>
    </message>
    <message>
        <source>Remove block</source>
        <translation>Quitar bloque</translation>
    </message>
    <message>
        <source>Test on a filled scan…</source>
        <translation>Probar con un escaneo lleno…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>Guardar plantilla…</translation>
    </message>
    <message>
        <source>Use for this exam</source>
        <translation>Usar en este examen</translation>
    </message>
    <message>
        <source>The rectangle holds</source>
        <translation>Contiene</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>First question</source>
        <translation>Primera pregunta</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Block of bubbles</source>
        <translation>Bloque de burbujas</translation>
    </message>
    <message>
        <source>Page of the form</source>
        <translation>Página del formulario</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>Bloques</translation>
    </message>
    <message>
        <source>First number</source>
        <translation>Primer número</translation>
    </message>
    <message>
        <source>Alignment</source>
        <translation>Alineación</translation>
    </message>
    <message>
        <source>Student ID</source>
        <translation>ID de estudiante</translation>
    </message>
    <message>
        <source>Course ID</source>
        <translation>ID del curso</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Middle initial</source>
        <translation>Inicial del segundo nombre</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Teacher ID</source>
        <translation>ID del maestro</translation>
    </message>
    <message>
        <source>School ID</source>
        <translation>ID de la escuela</translation>
    </message>
    <message>
        <source>Blank form</source>
        <translation>Formulario en blanco</translation>
    </message>
    <message>
        <source>Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation>Escaneos (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>Página {0} de {1}</translation>
    </message>
    <message>
        <source>Find the bubbles automatically, or drag a rectangle over a block of bubbles.</source>
        <translation>Encuentre las burbujas automáticamente, o arrastre un rectángulo sobre un bloque de burbujas.</translation>
    </message>
    <message>
        <source>Load a blank form first.</source>
        <translation>Primero cargue un formulario en blanco.</translation>
    </message>
    <message>
        <source>District form</source>
        <translation>Formulario del distrito</translation>
    </message>
    <message>
        <source>Select a block of questions first.</source>
        <translation>Primero seleccione un bloque de preguntas.</translation>
    </message>
    <message>
        <source>Select an ID or letter grid first.</source>
        <translation>Seleccione primero una cuadrícula de ID o de letras.</translation>
    </message>
    <message>
        <source>Say what the rectangle holds, then Snap.</source>
        <translation>Indique qué contiene el rectángulo y luego pulse Ajustar.</translation>
    </message>
    <message>
        <source>Load a form and drag a rectangle first.</source>
        <translation>Primero cargue un formulario y arrastre un rectángulo.</translation>
    </message>
    <message>
        <source>questions {0}–{1}</source>
        <translation>preguntas {0}–{1}</translation>
    </message>
    <message>
        <source>{0} ID digits</source>
        <translation>{0} dígitos de ID</translation>
    </message>
    <message>
        <source>letter grid, {0} letters</source>
        <translation>cuadrícula de letras, {0} letras</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versión</translation>
    </message>
    <message>
        <source>snapped to {0} bubbles</source>
        <translation>ajustado a {0} burbujas</translation>
    </message>
    <message>
        <source>no bubbles found: spaced evenly</source>
        <translation>no se encontraron burbujas: espaciado uniforme</translation>
    </message>
    <message>
        <source>{0} Using: {1}</source>
        <translation>{0} Se usa: {1}</translation>
    </message>
    <message>
        <source>{0} questions, {1} ID digits, {2} other grids. Alignment: {3}.</source>
        <translation>{0} preguntas, {1} dígitos de ID, {2} otras cuadrículas. Alineación: {3}.</translation>
    </message>
    <message>
        <source>A filled scan</source>
        <translation>Un escaneo lleno</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <source>Add blocks first.</source>
        <translation>Primero agregue bloques.</translation>
    </message>
    <message>
        <source>Verification: {0} of {1} blocks confirmed by the printed bubbles ({2}%).</source>
        <translation>Verificación: {0} de {1} bloques confirmados por las burbujas impresas ({2}%).</translation>
    </message>
    <message>
        <source>Alignment: {0}</source>
        <translation>Alineación: {0}</translation>
    </message>
    <message>
        <source>Not verified: {0} – {1}</source>
        <translation>Sin verificar: {0} – {1}</translation>
    </message>
    <message>
        <source>Read: {0}</source>
        <translation>Leído: {0}</translation>
    </message>
    <message>
        <source>Student ID: {0}</source>
        <translation>ID de estudiante: {0}</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>Guardar plantilla</translation>
    </message>
    <message>
        <source>Templates (*.json)</source>
        <translation>Plantillas (*.json)</translation>
    </message>
    <message>
        <source>Template saved: {0}</source>
        <translation>Plantilla guardada: {0}</translation>
    </message>
    <message>
        <source>Choose an exam and build the template first.</source>
        <translation>Primero elija un examen y cree la plantilla.</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>This exam now reads the district form; type its key in Setup.</source>
        <translation>Este examen ahora lee el formulario del distrito; escriba su clave en la pestaña Examen y clave.</translation>
    </message>
</context>
<context>
    <name>TimesDialog</name>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Leave 00:00 for no limit.</source>
        <translation>Deje 00:00 para no poner límite.</translation>
    </message>
</context>
<context>
    <name>TimetableGridModel</name>
    <message>
        <source>locked</source>
        <translation>fijada</translation>
    </message>
</context>
<context>
    <name>TimetablePage</name>
    <message>
        <source>Timetable:</source>
        <translation>Horario:</translation>
    </message>
    <message>
        <source>Import FET file…</source>
        <translation>Importar archivo FET…</translation>
    </message>
    <message>
        <source>Build from my classes</source>
        <translation>Crear a partir de mis clases</translation>
    </message>
    <message>
        <source>One activity of four lessons a week per class, taught by its teachers in its room; shared students never clash</source>
        <translation>Una actividad de cuatro lecciones por semana para cada clase, impartida por sus maestros en su salón; los estudiantes compartidos nunca tienen choques</translation>
    </message>
    <message>
        <source>New sample school</source>
        <translation>Nueva escuela de ejemplo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Maestro/a</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salón</translation>
    </message>
    <message>
        <source>Lock / unlock lesson</source>
        <translation>Fijar / soltar lección</translation>
    </message>
    <message>
        <source>Time limit (s):</source>
        <translation>Límite de tiempo (s):</translation>
    </message>
    <message>
        <source>Solve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <source>Export FET…</source>
        <translation>Exportar FET…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Print to PDF…</source>
        <translation>Imprimir a PDF…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Conflicts and notes</source>
        <translation>Conflictos y notas</translation>
    </message>
    <message>
        <source>{name} ({placed}/{total} placed)</source>
        <translation>{name} ({placed}/{total} asignadas)</translation>
    </message>
    <message>
        <source>No timetable yet: import a FET file or start from a sample school.</source>
        <translation>Aún no hay horario: importe un archivo FET o empiece con una escuela de ejemplo.</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflicto</translation>
    </message>
    <message>
        <source>Wish not met</source>
        <translation>Preferencia no cumplida</translation>
    </message>
    <message>
        <source>Not placed: {lesson}</source>
        <translation>Sin asignar: {lesson}</translation>
    </message>
    <message>
        <source>Not honoured: {note}</source>
        <translation>No se respetó: {note}</translation>
    </message>
    <message>
        <source>That lesson does not fit there.</source>
        <translation>Esa lección no cabe ahí.</translation>
    </message>
    <message numerus="yes">
        <source>Moved to {where}: %n conflict(s) — {first}</source>
        <translation>
            <numerusform>Se movió a {where}: %n conflicto — {first}</numerusform>
            <numerusform>Se movió a {where}: %n conflictos — {first}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Locked %n lesson(s).</source>
        <translation>
            <numerusform>Se fijó %n lección.</numerusform>
            <numerusform>Se fijaron %n lecciones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unlocked %n lesson(s).</source>
        <translation>
            <numerusform>Se soltó %n lección.</numerusform>
            <numerusform>Se soltaron %n lecciones.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not considered: {types}.</source>
        <translation>No se consideraron: {types}.</translation>
    </message>
    <message>
        <source>Press Solve again for another search, or give it a longer time limit.</source>
        <translation>Pulse Resolver de nuevo para otra búsqueda, o dele un límite de tiempo más largo.</translation>
    </message>
    <message numerus="yes">
        <source>Printed %n page(s) to {file}.</source>
        <translation>
            <numerusform>Se imprimió %n página en {file}.</numerusform>
            <numerusform>Se imprimieron %n páginas en {file}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Moved to {where}: no conflicts.</source>
        <translation>Se movió a {where}: sin conflictos.</translation>
    </message>
    <message>
        <source>{placed} of {total} lessons placed</source>
        <translation>{placed} de {total} lecciones asignadas</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflicto</numerusform>
            <numerusform>%n conflictos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n wish(es) not met (penalty {penalty})</source>
        <translation>
            <numerusform>%n preferencia no cumplida (penalización {penalty})</numerusform>
            <numerusform>%n preferencias no cumplidas (penalización {penalty})</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a lesson in the grid first.</source>
        <translation>Primero seleccione una lección en la cuadrícula.</translation>
    </message>
    <message>
        <source>Timetable not saved</source>
        <translation>Horario no guardado</translation>
    </message>
    <message>
        <source>Looking for a first timetable…</source>
        <translation>Buscando un primer horario…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
    <message>
        <source>Solved in {s:.1f} s (first timetable after {f:.1f} s). </source>
        <translation>Resuelto en {s:.1f} s (primer horario tras {f:.1f} s). </translation>
    </message>
    <message>
        <source>No timetable can meet every hard constraint.</source>
        <translation>Ningún horario puede cumplir todas las restricciones obligatorias.</translation>
    </message>
    <message>
        <source>No timetable found in the time given.</source>
        <translation>No se encontró un horario en el tiempo dado.</translation>
    </message>
    <message>
        <source>Showing the best partial timetable.</source>
        <translation>Se muestra el mejor horario parcial.</translation>
    </message>
    <message>
        <source>The solver stopped with an error: {m}</source>
        <translation>El solucionador se detuvo con un error: {m}</translation>
    </message>
    <message>
        <source>Solving cancelled; the timetable is unchanged.</source>
        <translation>Se canceló la resolución; el horario no cambió.</translation>
    </message>
    <message>
        <source>Imported {n} activities from {file}.</source>
        <translation>Se importaron {n} actividades de {file}.</translation>
    </message>
    <message>
        <source>My classes</source>
        <translation>Mis clases</translation>
    </message>
    <message>
        <source>The workspace has no classes yet: add them on the Classes page first.</source>
        <translation>El área de trabajo aún no tiene clases: primero agréguelas en la página Clases y estudiantes.</translation>
    </message>
    <message>
        <source>Sample school</source>
        <translation>Escuela de ejemplo</translation>
    </message>
    <message>
        <source>Wrote {file}.</source>
        <translation>Se escribió {file}.</translation>
    </message>
    <message>
        <source>Import FET file</source>
        <translation>Importar archivo FET</translation>
    </message>
    <message>
        <source>FET files (*.fet)</source>
        <translation>Archivos FET (*.fet)</translation>
    </message>
    <message>
        <source>Export FET file</source>
        <translation>Exportar archivo FET</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Print timetable</source>
        <translation>Imprimir horario</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Delete timetable</source>
        <translation>Eliminar horario</translation>
    </message>
    <message>
        <source>Delete this timetable from the workspace?</source>
        <translation>¿Eliminar este horario del área de trabajo?</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock {0}</source>
        <translation>Desbloquear {0}</translation>
    </message>
    <message>
        <source>Enter the passphrase of this workspace, or its recovery key.</source>
        <translation>Escriba la frase de contraseña de esta área de trabajo, o su clave de recuperación.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>or recovery key</source>
        <translation>o clave de recuperación</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to TeacherDesk</source>
        <translation>Le damos la bienvenida a TeacherDesk</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to TeacherDesk&lt;/h2&gt;&lt;p&gt;Your classes, grades and schedules are kept in one &lt;b&gt;workspace&lt;/b&gt; file on this computer, encrypted. Nothing is ever sent over the network.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Le damos la bienvenida a TeacherDesk&lt;/h2&gt;&lt;p&gt;Sus clases, calificaciones y horarios se guardan cifrados en un solo archivo de &lt;b&gt;área de trabajo&lt;/b&gt; en esta computadora. Nunca se envía nada por la red.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>e.g. Riverside Middle School</source>
        <translation>p. ej. Escuela Secundaria Riverside</translation>
    </message>
    <message>
        <source>School name</source>
        <translation>Nombre de la escuela</translation>
    </message>
    <message>
        <source>Calendar files and conference letters use this time zone. It starts as this computer&apos;s; change it in Settings later.</source>
        <translation>Los archivos de calendario y las cartas de conferencias usan esta zona horaria. Empieza siendo la de esta computadora; puede cambiarla después en Configuración.</translation>
    </message>
    <message>
        <source>School&apos;s time zone</source>
        <translation>Zona horaria de la escuela</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Cambiar…</translation>
    </message>
    <message>
        <source>Save it as</source>
        <translation>Guardar como</translation>
    </message>
    <message>
        <source>This computer has no password store, so choose a passphrase (at least 10 characters) to lock the workspace.</source>
        <translation>Esta computadora no tiene almacén de contraseñas; elija una frase de contraseña (al menos 10 caracteres) para proteger el área de trabajo.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Repita la frase de contraseña</translation>
    </message>
    <message>
        <source>Create workspace</source>
        <translation>Crear área de trabajo</translation>
    </message>
    <message>
        <source>Open a workspace file…</source>
        <translation>Abrir un archivo de área de trabajo…</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Probar la demostración</translation>
    </message>
    <message>
        <source>Save workspace as</source>
        <translation>Guardar área de trabajo como</translation>
    </message>
    <message>
        <source>TeacherDesk workspace (*.tdw)</source>
        <translation>Área de trabajo de TeacherDesk (*.tdw)</translation>
    </message>
    <message>
        <source>Please enter your school&apos;s name.</source>
        <translation>Escriba el nombre de su escuela.</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>“{0}” is not a time zone. Pick one from the list, e.g. America/Chicago.</source>
        <translation>“{0}” no es una zona horaria. Elija una de la lista, p. ej. America/Chicago.</translation>
    </message>
    <message>
        <source>Use at least 10 characters.</source>
        <translation>Use al menos 10 caracteres.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Abrir área de trabajo</translation>
    </message>
</context>
<context>
    <name>run_long_op</name>
    <message>
        <source>Another workspace was opened while this ran; nothing was saved.</source>
        <translation>Se abrió otra área de trabajo mientras esto se ejecutaba; no se guardó nada.</translation>
    </message>
</context>
</TS>
