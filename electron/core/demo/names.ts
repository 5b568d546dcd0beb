/**
 * Name lists for synthetic pupils, parents and staff: common first names and surnames in England, combined at
 * random, so every person in the demo is fictional. Never add real pupils' details here (Architecture: test
 * data is synthetic).
 */
export const FIRST_NAMES: readonly string[] = [
  'Oliver', 'Amelia', 'George', 'Isla', 'Noah', 'Ava', 'Arthur', 'Mia', 'Harry', 'Ivy', 'Leo', 'Lily', 'Muhammad',
  'Isabella', 'Jack', 'Rosie', 'Charlie', 'Sophia', 'Oscar', 'Grace', 'Jacob', 'Freya', 'Henry', 'Florence',
  'Thomas', 'Willow', 'Freddie', 'Emily', 'Alfie', 'Ella', 'Theo', 'Poppy', 'William', 'Evie', 'Theodore', 'Elsie',
  'Archie', 'Charlotte', 'Joshua', 'Evelyn', 'Alexander', 'Sienna', 'James', 'Daisy', 'Isaac', 'Phoebe', 'Edward',
  'Sophie', 'Lucas', 'Alice', 'Tommy', 'Harper', 'Finley', 'Matilda', 'Max', 'Ruby', 'Logan', 'Emilia', 'Ethan',
  'Maya', 'Mohammed', 'Aisha', 'Zain', 'Amara', 'Yusuf', 'Zara', 'Ibrahim', 'Hannah', 'Adam', 'Layla', 'Samuel',
  'Imogen', 'Reuben', 'Priya', 'Kai', 'Chloe', 'Dylan', 'Niamh', 'Rory', 'Erin', 'Jayden', 'Keira', 'Kofi', 'Ama',
  'Tomasz', 'Zuzanna', 'Arjun', 'Anaya', 'Ollie', 'Tilly', 'Harvey', 'Martha', 'Luca', 'Eliza', 'Elijah', 'Nancy',
];

export const SURNAMES: readonly string[] = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright',
  'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Thomas', 'Clarke', 'Jackson', 'Wood',
  'Harris', 'Edwards', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Hughes', 'Moore', 'Clark', 'King', 'Harrison',
  'Lewis', 'Baker', 'Lee', 'Allen', 'Morris', 'Khan', 'Scott', 'Watson', 'Davis', 'Parker', 'James', 'Bennett',
  'Young', 'Phillips', 'Richardson', 'Mitchell', 'Bailey', 'Carter', 'Cook', 'Singh', 'Shaw', 'Bell', 'Collins',
  'Morgan', 'Kelly', 'Begum', 'Miller', 'Cox', 'Hussain', 'Marshall', 'Simpson', 'Price', 'Anderson', 'Adams',
  'Wilkinson', 'Ali', 'Ahmed', 'Foster', 'Ellis', 'Murphy', 'Chapman', 'Mason', 'Gray', 'Richards', 'Webb',
  'Griffiths', 'Hunt', 'Palmer', 'Campbell', 'Holmes', 'Mills', 'Rogers', 'Barnes', 'Knight', 'Matthews', 'Barker',
  'Okafor', 'Mensah', 'Nowak', 'Kowalski', 'Shah', 'Chowdhury', 'Nguyen', 'Osei', 'Fletcher', 'Lloyd',
];

/** First names used for parents and carers (adults). */
export const ADULT_FIRST_NAMES: readonly string[] = [
  'Sarah', 'David', 'Claire', 'Mark', 'Emma', 'Paul', 'Rachel', 'Andrew', 'Laura', 'Richard', 'Nicola', 'Daniel',
  'Gemma', 'Stephen', 'Kelly', 'Christopher', 'Joanne', 'Michael', 'Helen', 'Lee', 'Samina', 'Imran', 'Agnieszka',
  'Piotr', 'Grace', 'Kwame', 'Fatima', 'Tariq', 'Joanna', 'Gareth',
];
